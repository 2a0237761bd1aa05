using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>The node guardrails: protected nodes, the last schedulable node, the share of nodes cordoned.</summary>
public sealed class NodeCheckTests : ContainmentTest
{
    [Fact]
    public async Task ProtectedNodeLabel_NodeUntouched_PodStillRemoved()
    {
        Cluster.Add(new NodeBuilder("system-1").Label("eks.amazonaws.com/nodegroup", "system"));
        var pod = Cluster.AddBarePod("web", "shell", "system-1");

        var report = await RespondWithAsync("[containment]\nprotected_node_labels = [\"eks.amazonaws.com/nodegroup=system\"]", Alert(pod));

        Assert.Equal("cordon-node skipped: protected-node: system-1 has label eks.amazonaws.com/nodegroup=system", ReportActions.Of(report)[1]);
        Assert.False(Cluster.Node("system-1").Unschedulable);
        Assert.Null(Cluster.Pod("web", "shell"));
    }

    [Fact]
    public async Task ProtectedNodeLabel_KeyOnly_MatchesAnyValue()
    {
        Cluster.Add(new NodeBuilder("cp-1").Label("node-role.kubernetes.io/control-plane", ""));

        var report = await RespondAsync(Alert("web", "gone", hostname: "cp-1"));

        Assert.StartsWith("cordon-node skipped: protected-node: cp-1", ReportActions.Of(report)[1], StringComparison.Ordinal);
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task ProtectedNodeName_FromThePolicy_NodeNeverWritten()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = await RespondWithAsync("[policy]\nprotected_nodes = [\"n1\"]", Alert(pod));

        Assert.Equal("cordon-node skipped: protected-node: n1 matches n1", ReportActions.Of(report)[1]);
        Assert.DoesNotContain(Writes(), w => w.StartsWith("PATCH /api/v1/nodes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LastSchedulableNode_IsNeverCordoned()
    {
        Cluster.Add(new NodeBuilder("n3").Unschedulable());
        var pod = Cluster.AddBarePod("web", "shell", "n1");
        Cluster.AddNodes("n4");

        // Four nodes, one unschedulable, no share limit: two may be cordoned, never the third.
        var report = await RespondWithAsync("[containment]\nmax_cordoned_share = \"100%\"",
            Alert(pod), Alert("web", "other", hostname: "n2"), Alert("web", "third", hostname: "n4"));

        Assert.Equal(["succeeded", "succeeded", "skipped"], [.. Enumerable.Range(0, 3).Select(i => ReportActions.Status(report, "cordon-node", i))]);
        Assert.StartsWith("last-schedulable-node: ", ReportActions.Reason(report, "cordon-node", 2), StringComparison.Ordinal);
        Assert.False(Cluster.Node("n4").Unschedulable);
    }

    [Fact]
    public async Task CordonShare_TenNodes_ThirtyPercent_CordonsThreeInRequestOrder()
    {
        Cluster.AddNodes("n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10");
        var alerts = Enumerable.Range(1, 5).Select(i => Alert("web", $"gone-{i}", hostname: $"n{i}")).ToArray();

        // The blast-radius limit (default 3 cordons an hour) is raised so the share check is what says no.
        var report = await RespondWithAsync("[state]\nmax_cordons = 10", alerts);

        Assert.Equal(["succeeded", "succeeded", "succeeded", "skipped", "skipped"],
            [.. Enumerable.Range(0, 5).Select(i => ReportActions.Status(report, "cordon-node", i))]);
        Assert.Equal("cordon-limit: 3 of 10 nodes are already unschedulable or tainted NoSchedule/NoExecute (at most 30%)", ReportActions.Reason(report, "cordon-node", 3));
        Assert.Equal(3, Cluster.Nodes().Count(n => n.Unschedulable));
    }

    [Fact]
    public async Task CordonShare_CountsNodesCordonedBeforeTheBatch()
    {
        Cluster.Add(new NodeBuilder("n3").Unschedulable());
        Cluster.AddNodes("n4", "n5", "n6", "n7", "n8", "n9", "n10");
        Cluster.Add(new NodeBuilder("n11").Unschedulable());
        Cluster.Add(new NodeBuilder("n12").Unschedulable());

        var report = await RespondAsync(Alert("web", "gone", hostname: "n1"));

        Assert.Equal("cordon-node skipped: cordon-limit: 3 of 12 nodes are already unschedulable or tainted NoSchedule/NoExecute (at most 30%)", ReportActions.Of(report)[1]);
    }

    [Fact]
    public async Task UnknownNode_IsSkipped_AndTheRestOfTheBatchGoesOn()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n2");

        var report = await RespondAsync(Alert("web", "gone", hostname: "ip-10-9-9-9.ec2.internal"), Alert(pod));

        Assert.Equal("cordon-node skipped: no-node: node ip-10-9-9-9.ec2.internal is not in the cluster", ReportActions.Of(report, 0)[1]);
        Assert.Equal("cordon-node succeeded", ReportActions.Of(report, 1)[1]);
    }

    [Fact]
    public async Task NoNodeAnywhere_CordonIsSkippedWithTheReason()
    {
        var report = await RespondAsync(Alert("web", "gone", hostname: null));

        Assert.Equal("skipped", ReportActions.Status(report, "cordon-node"));
        Assert.Empty(Writes());
    }
}
