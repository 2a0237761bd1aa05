using Amazon.Runtime;
using Responder.Aws.Http;
using Responder.Aws.Sns;
using Responder.Core.Config;
using Responder.Core.Ranking;

namespace Responder.Aws;

/// <summary>Builds the AWS side of the ports from the configuration and the environment.</summary>
public static class AwsPorts
{
    /// <summary>The region: the configuration's (AWS_REGION already applied), else AWS_DEFAULT_REGION.</summary>
    public static string? Region(ResponderConfig config, Func<string, string?> environment) =>
        config.Aws.Region ?? (environment("AWS_DEFAULT_REGION") is { Length: > 0 } region ? region : null);

    /// <summary>The SNS notifier, or null when no topic is configured.</summary>
    public static SnsNotifier? Notifier(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null)
    {
        if (config.Aws.SnsTopicArn is not { } topic)
        {
            return null;
        }

        // A topic ARN names its region; it wins over a missing or different AWS_REGION.
        var region = topic.Split(':')[3];
        var endpoints = new AwsEndpoints(region, environment);
        var http = AwsHttp.Create(credentials ?? AwsCredentials.Default(), region, "sns");
        var context = new NotificationContext(topic, config.Cluster.Name, new Ranker(config.Ranking), config.Notifications.MaxMessages);
        return new SnsNotifier(new SnsClient(http, endpoints.For("SNS", "sns")), context);
    }
}
