using System.Text.Json.Nodes;
using Responder.Core.Policy;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>taint-node: the whole taint list rewritten under a resourceVersion test, never clobbering another writer.</summary>
public sealed class TaintTests : ContainmentTest
{
    private const string TaintPolicy = """
        [[policy.rules]]
        name = "taint"
        [policy.rules.match]
        min_severity = "critical"
        [[policy.rules.actions]]
        action = "taint-node"
        effect = "NoExecute"
        """;

    [Fact]
    public async Task Taint_KeepsTheNodesTaints_WithAResourceVersionTest()
    {
        Cluster.Add(new NodeBuilder("gpu-1").Taint("nvidia.com/gpu", "present", "NoSchedule"));
        var before = Cluster.Node("gpu-1").ResourceVersion;

        var report = await RespondWithAsync(TaintPolicy, Alert("ml", "gone", hostname: "gpu-1"));

        Assert.Equal("taint-node succeeded", ReportActions.Of(report)[0]);
        var patch = Only("PATCH", "/api/v1/nodes/gpu-1");
        Assert.Equal("application/json-patch+json", patch.MediaType);
        var ops = JsonNode.Parse(patch.Body)!.AsArray();
        Assert.Equal("""{"op":"test","path":"/metadata/resourceVersion","value":"BEFORE"}""".Replace("BEFORE", before, StringComparison.Ordinal), ops[0]!.ToJsonString());
        Assert.Equal(
            [new TaintSnapshot("nvidia.com/gpu", "present", "NoSchedule"), new TaintSnapshot("falco-responder/compromised", "true", "NoExecute")],
            Cluster.Node("gpu-1").Taints);
    }

    [Fact]
    public async Task Taint_NodeChangedMeanwhile_IsReadAgain_AndTheOtherWritersTaintSurvives()
    {
        var raced = false;
        Fake.Faults.Inject(FakeFault.InternalError(), r =>
        {
            // Just before the responder's write lands, an autoscaler taints the node.
            if (!raced && r is { Method: "PATCH", Path: "/api/v1/nodes/n1" })
            {
                raced = true;
                Cluster.Change(ResourceType.Nodes, null, "n1", node =>
                    node["spec"]!["taints"] = new JsonArray(new JsonObject { ["key"] = "ToBeDeletedByClusterAutoscaler", ["value"] = "1", ["effect"] = "NoSchedule" }));
            }

            return false;
        });

        var report = await RespondWithAsync(TaintPolicy, Alert("ml", "gone", hostname: "n1"));

        Assert.Equal("taint-node succeeded", ReportActions.Of(report)[0]);
        Assert.Equal(["PATCH 422", "GET 200", "PATCH 200"],
            Fake.Requests.Where(r => r.Path == "/api/v1/nodes/n1").Select(r => $"{r.Method} {r.StatusCode}"));
        Assert.Equal(["ToBeDeletedByClusterAutoscaler", "falco-responder/compromised"], Cluster.Node("n1").Taints.Select(t => t.Key));
    }

    [Fact]
    public async Task Taint_AlreadyThere_IsANoOpSuccess()
    {
        Cluster.Add(new NodeBuilder("n3").Taint("falco-responder/compromised", "true", "NoExecute"));

        var report = await RespondWithAsync(TaintPolicy, Alert("ml", "gone", hostname: "n3"));

        Assert.Equal("taint-node succeeded: already tainted", ReportActions.Of(report)[0]);
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task Taint_NodeKeepsChanging_FailsAfterThreeAttempts_Retryable()
    {
        var version = 0;
        Fake.Faults.Inject(FakeFault.InternalError(), r =>
        {
            if (r is { Method: "PATCH", Path: "/api/v1/nodes/n1" })
            {
                Cluster.Change(ResourceType.Nodes, null, "n1", node => node["metadata"]!["annotations"] = new JsonObject { ["churn"] = $"{++version}" });
            }

            return false;
        }, times: 1);

        var taint = (await OutcomesAsync(TaintPolicy, Alert("ml", "gone", hostname: "n1")))[0].Actions[0];

        Assert.Equal((ActionStatus.Failed, "conflict: node n1 changed under each of 3 attempts", true), (taint.Status, taint.Reason, taint.Retryable));
        Assert.Equal(3, Fake.Requests.Count(r => r is { Method: "PATCH", Path: "/api/v1/nodes/n1" }));
        Assert.Empty(Cluster.Node("n1").Taints);
    }
}
