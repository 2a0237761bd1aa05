using Amazon.Runtime;
using Responder.Aws;
using Responder.Aws.Sns;
using Responder.Core.Config;

namespace Responder.Cli;

/// <summary>The real ports for <c>respond --live</c>, or a usage error saying what is missing.</summary>
internal static class LivePorts
{
    public static SnsNotifier Notifier(ResponderConfig config, CliConsole console)
    {
        if (config.Aws.SnsTopicArn is null)
        {
            throw new CliException(ExitCodes.Usage, "--live needs a topic: set aws.sns_topic_arn or RESPONDER_SNS_TOPIC_ARN");
        }

        try
        {
            return AwsPorts.Notifier(config, console.Environment)!;
        }
        catch (AmazonClientException ex)
        {
            throw new CliException(ExitCodes.Usage, $"--live needs AWS credentials: {ex.Message}");
        }
    }
}
