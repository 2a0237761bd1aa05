using System.Text.Json.Nodes;
using Responder.Core.Evidence;
using Responder.Harness;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>collect-evidence against the fake API server: what is copied, where to, within which cap, and before the removal.</summary>
public sealed class EvidenceTests : ContainmentTest
{
    private const string WithBucket = EvidencePolicy.Bucket;

    private static string Hold(string onFailure = "hold") => EvidencePolicy.Contain(onFailure);

    private PodSnapshot RestartedPod()
    {
        var pod = Cluster.Add(new PodBuilder("checkout", "checkout-6f7b8c9d0-zz9yy").OnNode("n1").Containers("app", "proxy").InitContainer("migrate").Restarted("app"));
        Cluster.WriteLog("checkout", pod.Name, "app", "started\nGET /health 200\n");
        Cluster.WriteLog("checkout", pod.Name, "app", "panic: out of memory\n", previous: true);
        Cluster.WriteLog("checkout", pod.Name, "proxy", "proxy up\n");
        Cluster.WriteLog("checkout", pod.Name, "migrate", "schema 42 applied\n");
        return pod;
    }

    private static string Folder(PodSnapshot pod, JsonObject report) =>
        $"falco-responder/{ClusterName}/{pod.Namespace}/{pod.Name}/{pod.Uid}/{EvidenceKeys.Segment((string)report["alerts"]![0]!["id"]!)}/";

    [Fact]
    public async Task CriticalAlert_DefaultRuleWithABucket_StoresManifestEveryLogAlertAndDecision_BeforeTheDelete()
    {
        var pod = RestartedPod();
        var storedAtDelete = new List<string>();
        Fake.Faults.Inject(FakeFault.InternalError(), r =>
        {
            if (r.Method == "DELETE" && storedAtDelete.Count == 0)
            {
                storedAtDelete.AddRange(Evidence.Objects.Keys);
            }

            return false;
        });

        var report = await RespondWithAsync(WithBucket, Alert(pod));

        var folder = Folder(pod, report);
        Assert.Equal(
            ["label-pod succeeded", "cordon-node succeeded",
                $"collect-evidence succeeded: s3://evidence-bucket/{folder} (pod.json, 4 logs, alert.json, decision.json)", "delete-pod succeeded", "notify planned"],
            ReportActions.Of(report));
        string[] keys = ["pod.json", "logs/migrate.log", "logs/app.log", "logs/app.previous.log", "logs/proxy.log", "alert.json", "decision.json"];
        Assert.Equal(keys.Select(k => folder + k), Evidence.Writes.Select(w => w.Key));
        Assert.Equal(keys.Select(k => folder + k).Order(StringComparer.Ordinal), storedAtDelete.Order(StringComparer.Ordinal));
        Assert.Null(Cluster.Pod("checkout", pod.Name));

        Assert.Equal("panic: out of memory\n", Evidence.Text(folder + "logs/app.previous.log"));
        Assert.Equal("started\nGET /health 200\n", Evidence.Text(folder + "logs/app.log"));
        var manifest = JsonNode.Parse(Evidence.Text(folder + "pod.json"))!;
        Assert.Equal((pod.Uid, "n1"), ((string?)manifest["metadata"]!["uid"], (string?)manifest["spec"]!["nodeName"]));
        Assert.Equal("Drop and execute new binary in container", (string?)JsonNode.Parse(Evidence.Text(folder + "alert.json"))!["rule"]);
        var decision = JsonNode.Parse(Evidence.Text(folder + "decision.json"))!;
        Assert.Equal((ClusterName, pod.Uid, "critical"), ((string?)decision["cluster"], (string?)decision["pod"]!["uid"], (string?)decision["severity"]));
        Assert.Equal(["contain-critical", "notify-notice-and-above"], decision["matchedRules"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(4, decision["logs"]!.AsArray().Count);
        Assert.All(decision["logs"]!.AsArray(), l => Assert.False((bool)l!["truncated"]!));
        Assert.Equal(1048576, (int)decision["maxLogBytesPerContainer"]!);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Evidence.Objects[folder + "pod.json"].Content.Span)), (string?)decision["manifest"]!["sha256"]);
        Assert.Equal("proceed", (string?)decision["actions"]!.AsArray().Single(a => (string?)a!["action"] == "collect-evidence")!["onEvidenceFailure"]);
        Assert.All(Evidence.Writes, w => Assert.Equal(pod.Uid, w.Metadata["pod-uid"]));
    }

    [Fact]
    public async Task CriticalAlert_NoBucket_CollectsNothingAndReadsNoLog()
    {
        var pod = RestartedPod();

        var report = await RespondAsync(Alert(pod));

        Assert.DoesNotContain(ReportActions.Of(report), a => a.StartsWith("collect-evidence", StringComparison.Ordinal));
        Assert.Empty(Evidence.Writes);
        Assert.DoesNotContain(Fake.Requests, r => r.Path.EndsWith("/log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogOverTheCap_KeepsItsNewestLinesWithinTheCap_AndSaysItWasCut()
    {
        var pod = Cluster.AddBarePod("checkout", "checkout-6f7b8c9d0-zz9yy", "n1");
        var lines = Enumerable.Range(0, 5000).Select(i => $"request {i:D5} served\n").ToArray();
        Cluster.WriteLog("checkout", pod.Name, "app", string.Concat(lines));

        var report = await RespondWithAsync(WithBucket + "max_log_bytes_per_container = 1024", Alert(pod));

        var folder = Folder(pod, report);
        Assert.EndsWith("(pod.json, 1 log, 1 cut to its newest 1024 bytes, alert.json, decision.json)", ReportActions.Reason(report, "collect-evidence"), StringComparison.Ordinal);
        var kept = Evidence.Text(folder + "logs/app.log");
        Assert.InRange(kept.Length, 900, 1024);
        Assert.EndsWith(lines[^1], kept, StringComparison.Ordinal);
        Assert.StartsWith("request ", kept, StringComparison.Ordinal);
        var log = Evidence.Objects[folder + "logs/app.log"];
        Assert.Equal(("true", "1024"), (log.Metadata["truncated"], log.Metadata["limit-bytes"]));
        var entry = JsonNode.Parse(Evidence.Text(folder + "decision.json"))!["logs"]![0]!;
        Assert.Equal((true, kept.Length), ((bool)entry["truncated"]!, (int)entry["bytes"]!));

        // The head, one byte past the cap, tells it is long; then its tail is asked for, never the whole log.
        var reads = Fake.Requests.Where(r => r.Path.EndsWith("/log", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reads.Count);
        Assert.Equal(("1025", null), (reads[0].QueryValue("limitBytes"), reads[0].QueryValue("tailLines")));
        Assert.NotNull(reads[1].QueryValue("tailLines"));
    }

    [Fact]
    public async Task ContainerStillWaiting_AndNoPreviousInstance_AreRecordedAsUnavailable_AndTheEvidenceIsKept()
    {
        var pod = Cluster.Add(new PodBuilder("checkout", "checkout-6f7b8c9d0-zz9yy").OnNode("n1").Containers("app", "sidecar").Restarted("app"));
        Cluster.ContainerWaiting("checkout", pod.Name, "sidecar");
        Cluster.WriteLog("checkout", pod.Name, "app", "up\n");

        var report = await RespondWithAsync(WithBucket, Alert(pod));

        Assert.Equal("succeeded", ReportActions.Status(report, "collect-evidence"));
        Assert.Contains("(pod.json, 1 log, 2 unavailable, alert.json, decision.json)", ReportActions.Reason(report, "collect-evidence"), StringComparison.Ordinal);
        var logs = JsonNode.Parse(Evidence.Text(Folder(pod, report) + "decision.json"))!["logs"]!.AsArray();
        Assert.Equal(
            [
                ("app", false, null),
                ("app", true, "previous terminated container \"app\" in pod \"checkout-6f7b8c9d0-zz9yy\" not found"),
                ("sidecar", false, "container \"sidecar\" in pod \"checkout-6f7b8c9d0-zz9yy\" is waiting to start: ContainerCreating"),
            ],
            logs.Select(l => ((string?)l!["container"], (bool)l["previous"]!, (string?)l["unavailable"])));
    }

    [Fact]
    public async Task StoreDown_Hold_KeepsThePodLabelledAndCordonedButNotDeleted()
    {
        var pod = RestartedPod();
        Evidence.Down();

        var report = await RespondWithAsync(Hold(), Alert(pod));

        Assert.Equal("failed", ReportActions.Status(report, "collect-evidence"));
        Assert.StartsWith("evidence-store: S3 bucket evidence-bucket: PutObject: ServiceUnavailable", ReportActions.Reason(report, "collect-evidence"), StringComparison.Ordinal);
        Assert.Equal("skipped", ReportActions.Status(report, "delete-pod"));
        Assert.StartsWith("evidence-missing: the pod is kept until its evidence is stored (on_evidence_failure = \"hold\")", ReportActions.Reason(report, "delete-pod"), StringComparison.Ordinal);
        Assert.NotNull(Cluster.Pod("checkout", pod.Name));
        Assert.DoesNotContain(Fake.Requests, r => r.Method == "DELETE");
        Assert.Equal("true", Cluster.Pod("checkout", pod.Name)!.Labels["falco-responder/flagged"]);
    }

    [Fact]
    public async Task StoreDown_Proceed_DeletesThePodAndSaysItWentWithoutItsEvidence()
    {
        var pod = RestartedPod();
        Evidence.Down();

        var report = await RespondWithAsync(Hold("proceed"), Alert(pod));

        Assert.Equal("failed", ReportActions.Status(report, "collect-evidence"));
        Assert.Equal("succeeded", ReportActions.Status(report, "delete-pod"));
        Assert.StartsWith("evidence-missing: removed without its evidence (on_evidence_failure = \"proceed\")", ReportActions.Reason(report, "delete-pod"), StringComparison.Ordinal);
        Assert.Null(Cluster.Pod("checkout", pod.Name));
    }

    [Fact]
    public async Task LogsForbidden_FailsTheEvidenceWithTheApiServersWords_AndHoldKeepsThePod()
    {
        var pod = RestartedPod();
        Fake.Faults.Inject(FakeFault.WithStatus(403, "Forbidden", "pods \"x\" is forbidden: User \"r\" cannot get resource \"pods/log\""),
            r => r.Path.EndsWith("/log", StringComparison.Ordinal), times: 100);

        var outcomes = await OutcomesAsync(Hold(), Alert(pod));

        var evidence = outcomes[0].Actions.Single(a => a.Kind == Core.Policy.ActionKind.CollectEvidence);
        Assert.Equal(Core.Policy.ActionStatus.Failed, evidence.Status);
        Assert.StartsWith("forbidden: pods \"x\" is forbidden", evidence.Reason, StringComparison.Ordinal);
        Assert.False(evidence.Retryable);
        Assert.Equal(Core.Policy.ActionStatus.Succeeded, outcomes[0].Actions.Single(a => a.Kind == Core.Policy.ActionKind.LabelPod).Status);
        Assert.NotNull(Cluster.Pod("checkout", pod.Name));
    }

    [Fact]
    public void EvidenceActions_DeclareNothingForReleaseToUndo()
    {
        Assert.All(Actions.Actioners.All.Where(a => a.Kind is Core.Policy.ActionKind.CollectEvidence or Core.Policy.ActionKind.SnapshotNode), a => Assert.Empty(a.Undo));
    }
}
