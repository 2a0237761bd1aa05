using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.TestSupport;

namespace Responder.Core.Tests.Response;

/// <summary>
/// The evidence stage between the holds and the removals, and what on_evidence_failure makes of a removal when the
/// pod's evidence is not stored: judged in Core on the evidence action's result, whatever the port.
/// </summary>
public sealed class EvidenceOrderTests
{
    private static readonly string Critical = Fixtures.Alert("drop-and-execute");

    private static string Config(string onFailure) => "dry_run = false\n" + EvidencePolicy.Contain(onFailure, notify: true);

    private static string[] Actions(System.Text.Json.Nodes.JsonObject report) =>
        [.. report.Alerts()[0]!["actions"]!.AsArray().Select(a => $"{a!["action"]} {a["status"]}" + (a["reason"] is { } reason ? $": {reason}" : ""))];

    private static FakeCluster EvidenceFails(PortResult failure) =>
        new(a => a.Kind == ActionKind.CollectEvidence ? failure : new PortResult(ActionStatus.Succeeded, null));

    [Fact]
    public async Task Process_EvidenceAndRemoval_EvidenceIsAskedForAfterTheHoldsAndBeforeTheRemoval()
    {
        var cluster = new FakeCluster(a => new PortResult(ActionStatus.Succeeded, a.Kind == ActionKind.CollectEvidence ? "s3://falco-evidence/k/" : null));

        var report = await ReportRunner.RunAsync(Envelopes.Lines(Critical), TestConfig.From(Config("hold")), cluster: cluster);

        Assert.Equal([ActionKind.LabelPod, ActionKind.CollectEvidence, ActionKind.DeletePod], cluster.Requests.Select(r => r.Kind));
        Assert.Equal(["label-pod succeeded", "collect-evidence succeeded: s3://falco-evidence/k/", "delete-pod succeeded", "notify planned"], Actions(report));
    }

    [Fact]
    public async Task Process_EvidenceFailedWithHold_SkipsTheRemovalSayingTheEvidenceIsMissing()
    {
        var cluster = EvidenceFails(new PortResult(ActionStatus.Failed, "evidence-store: S3 bucket falco-evidence: PutObject: ServiceUnavailable") { Retryable = true });

        var outcomes = await RunAsync(Config("hold"), cluster);

        Assert.Equal([ActionKind.LabelPod, ActionKind.CollectEvidence], cluster.Requests.Select(r => r.Kind));
        var delete = outcomes.Actions.Single(a => a.Kind == ActionKind.DeletePod);
        Assert.Equal(ActionStatus.Skipped, delete.Status);
        Assert.Equal(
            "evidence-missing: the pod is kept until its evidence is stored (on_evidence_failure = \"hold\"); collect-evidence failed: evidence-store: S3 bucket falco-evidence: PutObject: ServiceUnavailable",
            delete.Reason);
        // The failed evidence is retryable: the invocation fails, and the retry collects it and removes the pod.
        Assert.True(outcomes.Actions.Single(a => a.Kind == ActionKind.CollectEvidence).Retryable);
    }

    [Fact]
    public async Task Process_EvidenceFailedWithProceed_RemovesThePodAndSaysItWentWithoutItsEvidence()
    {
        var cluster = EvidenceFails(new PortResult(ActionStatus.Failed, "forbidden: pods \"x\" is forbidden: cannot get resource \"pods/log\""));

        var outcomes = await RunAsync(Config("proceed"), cluster);

        Assert.Equal([ActionKind.LabelPod, ActionKind.CollectEvidence, ActionKind.DeletePod], cluster.Requests.Select(r => r.Kind));
        var delete = outcomes.Actions.Single(a => a.Kind == ActionKind.DeletePod);
        Assert.Equal(ActionStatus.Succeeded, delete.Status);
        Assert.StartsWith("evidence-missing: removed without its evidence (on_evidence_failure = \"proceed\"); collect-evidence failed: forbidden: ", delete.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_EvidenceSucceededWithHold_RemovesThePodWithoutANote()
    {
        var cluster = new FakeCluster();

        var outcomes = await RunAsync(Config("hold"), cluster);

        var delete = outcomes.Actions.Single(a => a.Kind == ActionKind.DeletePod);
        Assert.Equal((ActionStatus.Succeeded, null), (delete.Status, delete.Reason));
    }

    [Fact]
    public async Task Process_TwoAlertsRemovingOnePod_OneHoldingForItsFailedEvidence_NeitherRemovesIt()
    {
        // The second alert has no evidence action of its own, but its pod is the one held for evidence.
        var other = Fixtures.AlertNode("drop-and-execute");
        other["rule"] = "Another rule";
        var cluster = EvidenceFails(new PortResult(ActionStatus.Failed, "evidence-store: down") { Retryable = true });
        var config = TestConfig.From(Config("hold") + """

            [[policy.rules]]
            name = "delete-only"
            [policy.rules.match]
            rules = ["Another rule"]
            [[policy.rules.actions]]
            action = "delete-pod"
            """);

        var report = await ReportRunner.RunAsync(Envelopes.Lines(Envelopes.CloudWatch([Critical, other.ToJsonString()])), config, cluster: cluster);

        Assert.DoesNotContain(cluster.Requests, r => r.Kind == ActionKind.DeletePod);
        Assert.All(report.Alerts(), a => Assert.Contains(a!["actions"]!.AsArray(), x => (string?)x!["action"] == "delete-pod" && (string?)x["status"] == "skipped"));
    }

    [Fact]
    public async Task Process_NoEvidenceBucket_CollectEvidenceIsNotPlanned()
    {
        var cluster = new FakeCluster();

        var report = await ReportRunner.RunAsync(Envelopes.Lines(Critical), TestConfig.From(Config("hold").Replace("bucket = \"falco-evidence\"", "bucket = \"\"", StringComparison.Ordinal)), cluster: cluster);

        Assert.Equal(["label-pod succeeded", "delete-pod succeeded", "notify planned"], Actions(report));
    }

    private static async Task<AlertOutcome> RunAsync(string toml, FakeCluster cluster)
    {
        var config = TestConfig.From(toml);
        var pipeline = new ResponsePipeline(config, null, cluster);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Critical);
        using var batch = new Responder.Core.Ingest.EnvelopeDecoder(config.Limits, config.Input.MergeKeys)
            .Decode(new Responder.Core.Ingest.InputDocument(1, bytes, TooLarge: false, bytes.Length));
        return Assert.Single((await pipeline.ProcessAsync(batch, CancellationToken.None)).Alerts);
    }
}
