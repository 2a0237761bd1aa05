using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>A NoSchedule or NoExecute taint takes a node out of scheduling as a cordon does, and is held to the same share and last-node rule.</summary>
public sealed class TaintShareTests : ContainmentTest
{
    private static string TaintRule(string effect, string share) => $$"""
        [containment]
        max_cordoned_share = "{{share}}"
        [state]
        max_cordons = 10
        [[policy.rules]]
        name = "taint"
        [policy.rules.match]
        min_severity = "critical"
        [[policy.rules.actions]]
        action = "taint-node"
        effect = "{{effect}}"
        """;

    [Fact]
    public async Task NoExecute_ThreeAlertsOnAThreeNodeCluster_TaintsOneNode()
    {
        Cluster.AddNodes("n3");
        var alerts = new[] { "n1", "n2", "n3" }.Select((n, i) => Alert(Cluster.AddBarePod("web", $"p{i}", n))).ToArray();

        var report = await RespondWithAsync(TaintRule("NoExecute", "30%"), alerts);

        Assert.Equal(["succeeded", "skipped", "skipped"], [.. Enumerable.Range(0, 3).Select(i => ReportActions.Status(report, "taint-node", i))]);
        Assert.Equal(
            "cordon-limit: 1 of 3 nodes are already unschedulable or tainted NoSchedule/NoExecute (at most 30%)",
            ReportActions.Reason(report, "taint-node", 1));
        Assert.Single(Cluster.Nodes(), n => n.Taints.Count > 0);
    }

    [Theory]
    [InlineData("NoExecute")]
    [InlineData("NoSchedule")]
    public async Task NoShareLimit_TheLastSchedulableNodeIsNeverTainted(string effect)
    {
        Cluster.AddNodes("n3");
        var alerts = new[] { "n1", "n2", "n3" }.Select((n, i) => Alert(Cluster.AddBarePod("web", $"p{i}", n))).ToArray();

        var report = await RespondWithAsync(TaintRule(effect, "100%"), alerts);

        Assert.Equal(["succeeded", "succeeded", "skipped"], [.. Enumerable.Range(0, 3).Select(i => ReportActions.Status(report, "taint-node", i))]);
        Assert.Equal("last-schedulable-node: n3 is the only schedulable node left", ReportActions.Reason(report, "taint-node", 2));
        Assert.Empty(Cluster.Node("n3").Taints);
    }

    [Fact]
    public async Task PreferNoSchedule_KeepsNoPodOff_AndIsNotCountedAgainstTheShare()
    {
        Cluster.AddNodes("n3");
        var alerts = new[] { "n1", "n2", "n3" }.Select((n, i) => Alert(Cluster.AddBarePod("web", $"p{i}", n))).ToArray();

        var report = await RespondWithAsync(TaintRule("PreferNoSchedule", "30%"), alerts);

        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal("succeeded", ReportActions.Status(report, "taint-node", i)));
    }

    [Fact]
    public async Task NodesTaintedByOthers_CountAsUnschedulable_ForACordon()
    {
        // Two of three nodes take no ordinary pods (a GPU pool, a node being drained): n1 is the last schedulable one.
        Cluster.Add(new NodeBuilder("gpu-1").Taint("nvidia.com/gpu", "true", "NoSchedule"));
        Cluster.Change(ResourceType.Nodes, null, "n2", n => n["spec"]!["taints"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["key"] = "node.kubernetes.io/not-ready", ["effect"] = "NoExecute" }));
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = await RespondWithAsync("[containment]\nmax_cordoned_share = \"100%\"", Alert(pod));

        Assert.Equal("cordon-node skipped: last-schedulable-node: n1 is the only schedulable node left", ReportActions.Of(report)[1]);
        Assert.False(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task CordonAndNoExecuteTaintOfOneNode_CountOnce()
    {
        Cluster.AddNodes("n3", "n4");
        var pod = Cluster.AddBarePod("web", "shell", "n1");
        const string Both = """
            [containment]
            max_cordoned_share = "25%"
            [[policy.rules]]
            name = "both"
            [policy.rules.match]
            min_severity = "critical"
            [[policy.rules.actions]]
            action = "cordon-node"
            [[policy.rules.actions]]
            action = "taint-node"
            effect = "NoExecute"
            """;

        var report = await RespondWithAsync(Both, Alert(pod));

        Assert.Equal(["cordon-node succeeded", "taint-node succeeded"], ReportActions.Of(report));
        Assert.True(Cluster.Node("n1").Unschedulable);
    }
}
