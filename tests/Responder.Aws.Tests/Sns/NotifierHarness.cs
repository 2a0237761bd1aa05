using System.Globalization;
using System.Text.Json.Nodes;
using Responder.Aws.Http;
using Responder.Aws.Sns;
using Responder.Core.Config;
using Responder.Core.Containment;
using Responder.Core.Ranking;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Servers;
using Responder.TestSupport;

namespace Responder.Aws.Tests.Sns;

/// <summary>The SNS notifier against fauxqs, driven through the real pipeline, and what arrives in the subscribed queue.</summary>
internal static class NotifierHarness
{
    public const string Cluster = "prod-eks";
    public const string EscapeRule = "Detect release_agent File Container Escapes";

    public static SnsNotifier Notifier(Fauxqs server, string topicArn, ResponderConfig config, HttpMessageHandler? transport = null) =>
        new(
            new SnsClient(AwsHttp.Create(Fauxqs.Credentials, "us-east-1", "sns", transport, retryDelay: TimeSpan.FromMilliseconds(5)), server.Endpoint),
            new NotificationContext(topicArn, Cluster, config.Notifications.MaxMessages));

    /// <summary>The report of the pipeline run over the input documents.</summary>
    public static Task<JsonObject> RunAsync(ResponderConfig config, INotifier notifier, IClusterActions? cluster, params string[] documents) =>
        ReportRunner.RunAsync(Envelopes.Lines(documents), config, notifier, cluster);

    /// <summary>The release_agent escape alert for another pod and time.</summary>
    public static string Escape(string pod = "report-job-28551234-kq8zt", int second = 19, string ns = "batch")
    {
        var alert = Fixtures.AlertNode("release-agent-escape");
        alert["output_fields"]!["k8s.pod.name"] = pod;
        alert["output_fields"]!["k8s.ns.name"] = ns;
        alert["time"] = string.Create(CultureInfo.InvariantCulture, $"2024-05-07T18:{second / 60:00}:{second % 60:00}.000000000Z");
        return alert.ToJsonString();
    }

    public static string Subject(this JsonObject message) => message["Subject"]!.GetValue<string>();

    public static string Body(this JsonObject message) => message["Message"]!.GetValue<string>();

    /// <summary>The message attributes as name → (type, value).</summary>
    public static Dictionary<string, (string Type, string Value)> Attributes(this JsonObject message) =>
        message["MessageAttributes"]?.AsObject().ToDictionary(
            a => a.Key,
            a => (a.Value!["Type"]!.GetValue<string>(), a.Value["Value"]!.GetValue<string>()),
            StringComparer.Ordinal) ?? [];

    public static bool IsContainment(this JsonObject message) => message.Subject().Contains("] Containment ", StringComparison.Ordinal);

    public static bool IsDigest(this JsonObject message) => message.Subject().Contains("] Falco storm digest: ", StringComparison.Ordinal);

    /// <summary>Each alert's notify action as "status" or "status: reason".</summary>
    public static string[] NotifyOutcomes(this JsonObject report) =>
        [.. report.Alerts().Select(alert => alert!["actions"]!.AsArray().Single(a => a!["action"]!.GetValue<string>() == "notify")!)
            .Select(notify => notify["reason"] is { } reason
                ? $"{notify["status"]!.GetValue<string>()}: {reason.GetValue<string>()}"
                : notify["status"]!.GetValue<string>())];
}
