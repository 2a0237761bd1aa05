using Amazon.Runtime;
using Responder.Aws;
using Responder.Aws.Http;
using Responder.Core.Config;
using Responder.Core.Containment;
using Responder.Core.Response;
using Responder.Core.State;

namespace Responder.Cli;

/// <summary>The real ports for <c>respond --live</c>, or a usage error saying what is missing.</summary>
internal static class LivePorts
{
    public static (INotifier? Notifier, IClusterActions? Cluster, IResponseState? State, IFindings? Findings) Create(ResponderConfig config, CliConsole console)
    {
        if (config.Aws.SnsTopicArn is null && config.Cluster.Name is null && config.Cluster.Endpoint is null && !config.SecurityHub.Enabled)
        {
            throw new CliException(ExitCodes.Usage,
                "--live needs somewhere to act: set aws.sns_topic_arn (RESPONDER_SNS_TOPIC_ARN), cluster.name (RESPONDER_CLUSTER_NAME) or securityhub.enabled (RESPONDER_SECURITYHUB)");
        }

        try
        {
            return (AwsPorts.Notifier(config, console.Environment), AwsPorts.Cluster(config, console.Environment), AwsPorts.State(config, console.Environment),
                AwsPorts.Findings(config, console.Environment));
        }
        catch (Exception ex) when (ex is AmazonClientException or AwsServiceException)
        {
            throw new CliException(ExitCodes.Usage, $"--live needs AWS credentials and a region: {ex.Message}");
        }
    }
}
