using System.Text.Json.Nodes;
using Responder.Harness.Kubernetes;

namespace Responder.Cli.Tests;

/// <summary><c>responder release --node</c> against the fake API server: the requests sent and the nodes left behind.</summary>
public sealed class ReleaseNodeTests
{
    [Fact]
    public async Task Release_NodeTheResponderCordoned_UncordonsItAndRemovesTheAnnotation()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        var node = cluster.AddCordonedNode("n1");
        cluster.Cluster.Add(new NodeBuilder("n2").Unschedulable().Annotation(ReleaseCluster.Cordoned, "2026-11-27T10:15:30Z other rule"));

        var run = await cluster.ReleaseAsync("--node", "n1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(["GET /api/v1/nodes/n1", "PATCH /api/v1/nodes/n1"], cluster.Fake.Requests.Select(r => $"{r.Method} {r.Path}"));
        var patch = cluster.Writes.Single();
        Assert.Equal("application/json-patch+json", patch.MediaType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""
            [{"op":"test","path":"/metadata/resourceVersion","value":"{{node.ResourceVersion}}"},
             {"op":"remove","path":"/metadata/annotations/falco-responder~1cordoned"},
             {"op":"remove","path":"/spec/unschedulable"}]
            """), ReleaseCluster.Body(patch)), patch.Body);
        var after = cluster.Cluster.Node("n1");
        Assert.False(after.Unschedulable);
        Assert.False(after.Annotations.ContainsKey(ReleaseCluster.Cordoned));
        Assert.True(cluster.Cluster.Node("n2").Unschedulable);
        Assert.Equal(["uncordon-node n1 succeeded", "untaint-node n1 skipped"], ReleaseCluster.Lines(run));
        Assert.Equal("cordoned by the responder: 2026-11-27T10:15:30.0000000+00:00 Terminal shell in container", ReleaseCluster.Reason(run, "uncordon-node", "n1"));
        Assert.Equal("not-tainted: no taint of the responder on the node", ReleaseCluster.Reason(run, "untaint-node", "n1"));
    }

    [Fact]
    public async Task Release_NodeSomeoneElseCordoned_IsLeftAloneAndReportedSkipped()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.Cluster.Add(new NodeBuilder("n1").Unschedulable());

        var run = await cluster.ReleaseAsync("--node", "n1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(cluster.Writes);
        Assert.True(cluster.Cluster.Node("n1").Unschedulable);
        Assert.Equal(["uncordon-node n1 skipped", "untaint-node n1 skipped"], ReleaseCluster.Lines(run));
        Assert.Equal(
            "not-responder: cordoned by someone else (no falco-responder/cordoned annotation); --force uncordons it",
            ReleaseCluster.Reason(run, "uncordon-node", "n1"));
    }

    [Fact]
    public async Task Release_ForceOnANodeSomeoneElseCordoned_UncordonsIt()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        var node = cluster.Cluster.Add(new NodeBuilder("n1").Unschedulable());

        var run = await cluster.ReleaseAsync("--node", "n1", "--force", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var patch = Assert.Single(cluster.Writes);
        Assert.Equal(
            $$"""[{"op":"test","path":"/metadata/resourceVersion","value":"{{node.ResourceVersion}}"},{"op":"remove","path":"/spec/unschedulable"}]""",
            patch.Body);
        Assert.False(cluster.Cluster.Node("n1").Unschedulable);
        Assert.StartsWith("forced: cordoned by someone else", ReleaseCluster.Reason(run, "uncordon-node", "n1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_TaintedNode_RemovesOnlyTheResponderTaintsAndKeepsTheOthersAsTheyWere()
    {
        await using var cluster = await ReleaseCluster.StartAsync("""
            [[policy.rules]]
            name = "taint-it"
            [[policy.rules.actions]]
            action = "taint-node"
            key = "security.example.com/suspect"
            """);
        var json = new NodeBuilder("n1")
            .Taint("falco-responder/compromised", "true", "NoSchedule")
            .Taint("dedicated", "gpu", "NoSchedule")
            .Taint("security.example.com/suspect", "true", "NoExecute")
            .Build();
        var unreachable = new JsonObject { ["key"] = "node.kubernetes.io/unreachable", ["effect"] = "NoExecute", ["timeAdded"] = "2026-11-27T10:00:00Z" };
        json["spec"]!["taints"]!.AsArray().Insert(0, unreachable);
        var node = cluster.Cluster.Add(json);

        var run = await cluster.ReleaseAsync("--node", "n1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var patch = Assert.Single(cluster.Writes);
        Assert.Equal(
            $$"""[{"op":"test","path":"/metadata/resourceVersion","value":"{{node.ResourceVersion}}"},{"op":"remove","path":"/spec/taints/3"},{"op":"remove","path":"/spec/taints/1"}]""",
            patch.Body);
        var taints = cluster.Cluster.Node("n1").Json["spec"]!["taints"]!;
        Assert.True(JsonNode.DeepEquals(new JsonArray(unreachable.DeepClone(), JsonNode.Parse("""{"key":"dedicated","value":"gpu","effect":"NoSchedule"}""")), taints), taints.ToJsonString());
        Assert.Equal(["uncordon-node n1 skipped", "untaint-node n1 succeeded"], ReleaseCluster.Lines(run));
        Assert.Equal(
            "taint falco-responder/compromised=true:NoSchedule, security.example.com/suspect=true:NoExecute",
            ReleaseCluster.Reason(run, "untaint-node", "n1"));
    }

    [Fact]
    public async Task Release_NodeWrittenBetweenReadAndWrite_IsReadAgainAndTheNewTaintKept()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.Cluster.Add(new NodeBuilder("n1").Unschedulable().Annotation(ReleaseCluster.Cordoned, "2026-11-27T10:15:30Z rule")
            .Taint("dedicated", "gpu", "NoSchedule").Taint("falco-responder/compromised", "true", "NoSchedule"));
        var written = 0;
        // Another writer adds a taint in front just as the first patch arrives: the patch's resourceVersion is stale.
        cluster.Fake.Faults.Inject(FakeFault.InternalError(), r =>
        {
            if (r.Method == "PATCH" && Interlocked.Exchange(ref written, 1) == 0)
            {
                cluster.Cluster.Store.Update(ResourceType.Nodes, null, "n1", node =>
                {
                    node["spec"]!["taints"]!.AsArray().Insert(0, new JsonObject { ["key"] = "team/maintenance", ["effect"] = "PreferNoSchedule" });
                    return node;
                }, dryRun: false);
            }

            return false;
        });

        var run = await cluster.ReleaseAsync("--node", "n1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["GET /api/v1/nodes/n1 200", "PATCH /api/v1/nodes/n1 422", "GET /api/v1/nodes/n1 200", "PATCH /api/v1/nodes/n1 200"],
            cluster.Fake.Requests.Select(r => $"{r.Method} {r.Path} {r.StatusCode}"));
        Assert.Contains("""{"op":"remove","path":"/spec/taints/2"}""", cluster.Writes[1].Body, StringComparison.Ordinal);
        var after = cluster.Cluster.Node("n1");
        Assert.Equal(["team/maintenance", "dedicated"], after.Taints.Select(t => t.Key));
        Assert.False(after.Unschedulable);
        Assert.Equal(["uncordon-node n1 succeeded", "untaint-node n1 succeeded"], ReleaseCluster.Lines(run));
    }

    [Fact]
    public async Task Release_NodeThatKeepsChanging_FailsAfterThreeWrites()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddCordonedNode("n1");
        cluster.Fake.Faults.Inject(FakeFault.WithStatus(422, "Invalid", "the server rejected our request due to an error in our request"), "PATCH", "/api/v1/nodes/n1", times: 3);

        var run = await cluster.ReleaseAsync("--node", "n1", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, cluster.Writes.Count);
        Assert.True(cluster.Cluster.Node("n1").Unschedulable);
        Assert.Equal(["uncordon-node n1 failed", "untaint-node n1 skipped"], ReleaseCluster.Lines(run));
        Assert.Equal("api-error 422: the server rejected our request due to an error in our request", ReleaseCluster.Reason(run, "uncordon-node", "n1"));
    }

    [Fact]
    public async Task Release_NodeAnnotatedButAlreadySchedulable_LosesTheAnnotationOnly()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        var node = cluster.Cluster.Add(new NodeBuilder("n1").Annotation(ReleaseCluster.Cordoned, "2026-11-27T10:15:30Z rule"));

        var run = await cluster.ReleaseAsync("--node", "n1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $$"""[{"op":"test","path":"/metadata/resourceVersion","value":"{{node.ResourceVersion}}"},{"op":"remove","path":"/metadata/annotations/falco-responder~1cordoned"}]""",
            Assert.Single(cluster.Writes).Body);
        Assert.Empty(cluster.Cluster.Node("n1").Annotations);
        Assert.Equal(["uncordon-node n1 succeeded", "untaint-node n1 skipped"], ReleaseCluster.Lines(run));
    }
}
