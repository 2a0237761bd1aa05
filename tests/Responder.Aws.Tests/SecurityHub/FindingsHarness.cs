using System.Text.Json.Nodes;
using Responder.Aws.Http;
using Responder.Aws.SecurityHub;
using Responder.Core.Config;
using Responder.Core.Containment;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Servers;
using Responder.TestSupport;

namespace Responder.Aws.Tests.SecurityHub;

/// <summary>The findings port against a server (moto or the fake), driven through the real pipeline.</summary>
internal static class FindingsHarness
{
    public const string Cluster = "prod-eks";
    public const string Region = MotoServer.Region;
    public const string ProductArn = $"arn:aws:securityhub:{Region}:{MotoServer.Account}:product/{MotoServer.Account}/default";

    /// <summary>Findings on, containment enforced (not dry run), the cluster named.</summary>
    public static ResponderConfig Config(string extra = "") =>
        TestConfig.From($"dry_run = false\n[cluster]\nname = \"{Cluster}\"\n[securityhub]\nenabled = true\n{extra}");

    public static SecurityHubFindings Findings(Uri endpoint, HttpMessageHandler? transport = null, TimeProvider? time = null, string product = ProductArn) =>
        new(Client(endpoint, transport), _ => Task.FromResult(product), new FindingContext(Cluster, Cluster, time ?? TimeProvider.System));

    public static SecurityHubClient Client(Uri endpoint, HttpMessageHandler? transport = null) =>
        new(AwsHttp.Create(MotoServer.Credentials, Region, "securityhub", transport, retryDelay: TimeSpan.FromMilliseconds(5)), endpoint);

    /// <summary>The report of the pipeline run over the input documents.</summary>
    public static Task<JsonObject> RunAsync(ResponderConfig config, IFindings findings, IClusterActions? cluster = null, INotifier? notifier = null, params string[] documents) =>
        ReportRunner.RunAsync(Envelopes.Lines(documents), config, notifier, cluster, findings);

    /// <summary>Each alert's record-finding action as (target, "status" or "status: reason").</summary>
    public static (string Target, string Outcome)[] FindingOutcomes(this JsonObject report) =>
        [.. report.Alerts().SelectMany(alert => alert!["actions"]!.AsArray().Where(a => a!["action"]!.GetValue<string>() == "record-finding"))
            .Select(action => (action!["target"]!.GetValue<string>(), action["reason"] is { } reason
                ? $"{action["status"]!.GetValue<string>()}: {reason.GetValue<string>()}"
                : action["status"]!.GetValue<string>()))];

    /// <summary>The alert for another pod (a distinct alert: its own key and finding).</summary>
    public static string Escape(string pod = "report-job-28551234-kq8zt") => Sns.NotifierHarness.Escape(pod);

    public static string Field(this JsonObject finding, string name) => finding["ProductFields"]![name]!.GetValue<string>();
}
