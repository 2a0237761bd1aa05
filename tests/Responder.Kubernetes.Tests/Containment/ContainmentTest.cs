using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Responder.Core.Config;
using Responder.Core.Ingest;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.Harness.Kubernetes;
using Responder.TestSupport;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>
/// Alerts through the whole pipeline with dry run off and the real cluster port on the fake API
/// server: what the responder sends, and what the cluster looks like afterwards.
/// </summary>
public abstract class ContainmentTest : FakeServerTest
{
    /// <summary>The cluster's name in evidence keys and snapshot tags.</summary>
    protected const string ClusterName = "prod";

    /// <summary>Where collect-evidence writes, when the configuration names a bucket.</summary>
    protected FakeEvidenceStore Evidence { get; } = new();

    /// <summary>Where snapshot-node starts snapshots.</summary>
    protected FakeSnapshots Snapshots { get; } = new();

    /// <summary>Runs the alerts (JSON lines) with the given TOML laid over the defaults, dry run off.</summary>
    protected Task<JsonObject> RespondWithAsync(string? toml, params string[] alerts)
    {
        var config = Config(toml);
        return ReportRunner.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(Batch(alerts))), config, cluster: Port(config));
    }

    protected Task<JsonObject> RespondAsync(params string[] alerts) => RespondWithAsync(null, alerts);

    /// <summary>The alerts as one drill event (in the drill wrapper with the default marker), dry run off.</summary>
    protected Task<JsonObject> RespondToDrillAsync(string? toml, params string[] alerts)
    {
        var config = Config(toml);
        return ReportRunner.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(Envelopes.Drill(Batch(alerts)))), config, cluster: Port(config));
    }

    /// <summary>The same run, returning the outcomes themselves (what the Lambda host reads: retryable failures).</summary>
    protected Task<IReadOnlyList<AlertOutcome>> OutcomesAsync(string? toml, params string[] alerts) => OutcomesWithAsync(null, toml, alerts);

    /// <summary>The same run with the given shared state: a second run with the same alerts is a retried delivery.</summary>
    protected async Task<IReadOnlyList<AlertOutcome>> OutcomesWithAsync(Core.State.IResponseState? state, string? toml, params string[] alerts)
    {
        var config = Config(toml);
        var pipeline = new ResponsePipeline(config, null, Port(config), state: state);
        var bytes = Encoding.UTF8.GetBytes(Batch(alerts));
        using var batch = new EnvelopeDecoder(config.Limits, config.Input.MergeKeys).Decode(new InputDocument(1, bytes, TooLarge: false, bytes.Length));
        return (await pipeline.ProcessAsync(batch, CancellationToken.None)).Alerts;
    }

    private KubernetesClusterActions Port(ResponderConfig config)
    {
        Evidence.Prefix = config.Evidence.Prefix;
        var evidence = new EvidencePorts(ClusterName, config.Evidence.Bucket is null ? null : Evidence, Snapshots, config.Evidence);
        return new(_ => Task.FromResult<IKubernetes>(Client), config.Containment, TimeProvider.System, evidence);
    }

    private static ResponderConfig Config(string? toml) =>
        TestConfig.From((toml?.Contains("dry_run", StringComparison.Ordinal) == true ? "" : "dry_run = false\n") + toml);

    // One document, so one batch: the way a CloudWatch Logs delivery arrives.
    private static string Batch(string[] alerts) => "[" + string.Join(',', alerts) + "]";

    /// <summary>The writes the API server accepted (a PATCH to a pod already gone changes nothing), as "VERB path".</summary>
    protected string[] Writes() =>
        [.. Fake.Requests.Where(r => r.Method != "GET" && r.StatusCode is >= 200 and < 300).Select(r => $"{r.Method} {r.Path}")];

    protected RecordedRequest Only(string method, string path) =>
        Assert.Single(Fake.Requests, r => r.Method == method && r.Path == path);

    /// <summary>A real-shaped Critical Falco alert ("Drop and execute new binary in container") about the pod.</summary>
    /// <param name="ns">k8s.ns.name.</param>
    /// <param name="pod">k8s.pod.name.</param>
    /// <param name="hostname">The node Falco ran on; null leaves the field out.</param>
    /// <param name="priority">Falco's priority.</param>
    /// <param name="rule">The rule, if not the fixture's.</param>
    /// <param name="uid">k8s.pod.uid, when the alert carries it.</param>
    /// <param name="source">The event source, if not syscall (k8s_audit: hostname is the audit Falco's node).</param>
    /// <param name="time">The alert's time, if not the fixture's (2024-05-04T04:20:00.123456789Z).</param>
    protected static string Alert(string? ns, string? pod, string? hostname = "n1", string priority = "Critical", string? rule = null,
        string? uid = null, string? source = null, string? time = null)
    {
        var alert = Fixtures.AlertNode("drop-and-execute");
        var fields = alert["output_fields"]!.AsObject();
        fields["k8s.ns.name"] = ns;
        fields["k8s.pod.name"] = pod;
        alert["priority"] = priority;
        if (rule is not null)
        {
            alert["rule"] = rule;
        }

        if (uid is not null)
        {
            fields["k8s.pod.uid"] = uid;
        }

        if (source is not null)
        {
            alert["source"] = source;
        }

        if (time is not null)
        {
            alert["time"] = time;
        }

        if (hostname is null)
        {
            alert.Remove("hostname");
        }
        else
        {
            alert["hostname"] = hostname;
        }

        return alert.ToJsonString();
    }

    protected static string Alert(PodSnapshot pod) => Alert(pod.Namespace, pod.Name, pod.NodeName);
}

/// <summary>Reading a report's actions.</summary>
internal static class ReportActions
{
    /// <summary>The actions of the n-th alert as "action status" or "action status: reason".</summary>
    public static string[] Of(JsonObject report, int alert = 0) =>
        [.. report["alerts"]![alert]!["actions"]!.AsArray().Select(a =>
            $"{a!["action"]} {a["status"]}" + (a["reason"] is { } reason ? $": {reason}" : ""))];

    public static JsonObject Action(JsonObject report, string action, int alert = 0) =>
        report["alerts"]![alert]!["actions"]!.AsArray().Single(a => (string?)a!["action"] == action)!.AsObject();

    public static string Status(JsonObject report, string action, int alert = 0) => (string)Action(report, action, alert)["status"]!;

    public static string? Reason(JsonObject report, string action, int alert = 0) => (string?)Action(report, action, alert)["reason"];
}
