using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>
/// Node guardrails and limits are judged on the node the action writes, the pod's own as the API server has it,
/// never on the hostname an alert carries: a k8s_audit alert's hostname is the node of the Falco that read the audit
/// log, and a pod may have been rescheduled since.
/// </summary>
public sealed class ResolvedNodeTests : ContainmentTest
{
    private const string CordonAuditAlerts = """
        [policy]
        protected_nodes = ["system-*"]
        [[policy.rules]]
        name = "audit"
        [policy.rules.match]
        source = "k8s_audit"
        [[policy.rules.actions]]
        action = "cordon-node"
        """;

    [Fact]
    public async Task AuditAlert_PodOnAProtectedNode_TheNodeIsNotCordoned()
    {
        Cluster.AddNodes("system-1", "n3", "n4");
        var pod = Cluster.AddBarePod("shop", "web-1", "system-1");

        // The audit Falco runs on n1, which is not protected: the alert's hostname.
        var report = await RespondWithAsync(CordonAuditAlerts, Alert("shop", pod.Name, hostname: "n1", source: "k8s_audit"));

        Assert.Equal("cordon-node skipped: protected-node: system-1 matches system-*", ReportActions.Of(report)[0]);
        Assert.Empty(Writes());
        Assert.False(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task RescheduledPod_NowOnAProtectedNode_TheNodeIsNotCordoned()
    {
        Cluster.Add(new NodeBuilder("system-2").Label("eks.amazonaws.com/nodegroup", "system"));
        Cluster.AddNodes("n3", "n4");
        var pod = Cluster.AddBarePod("shop", "web-1", "system-2");

        var report = await RespondWithAsync("[containment]\nprotected_node_labels = [\"eks.amazonaws.com/nodegroup=system\"]", Alert("shop", pod.Name, hostname: "n1"));

        Assert.Equal("cordon-node skipped: protected-node: system-2 has label eks.amazonaws.com/nodegroup=system", ReportActions.Of(report)[1]);
        Assert.DoesNotContain(Writes(), w => w.StartsWith("PATCH /api/v1/nodes/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SixAuditAlerts_PodsOnSixNodes_OneHostname_MaxCordonsCountsSixNodes()
    {
        var nodes = Enumerable.Range(1, 6).Select(i => $"w{i}").ToArray();
        Cluster.AddNodes([.. nodes, "spare-1", "spare-2"]);
        var alerts = nodes.Select((node, i) => Alert("shop", Cluster.AddBarePod("shop", $"web-{i}", node).Name, hostname: "n1", source: "k8s_audit")).ToArray();
        const string Taint = """
            [containment]
            max_cordoned_share = "100%"
            [state]
            max_cordons = 1
            [[policy.rules]]
            name = "audit"
            [policy.rules.match]
            source = "k8s_audit"
            [[policy.rules.actions]]
            action = "taint-node"
            """;

        var report = await RespondWithAsync(Taint, alerts);

        var statuses = Enumerable.Range(0, 6).Select(i => ReportActions.Status(report, "taint-node", i)).ToList();
        Assert.Equal(1, statuses.Count(s => s == "succeeded"));
        Assert.Equal(5, statuses.Count(s => s == "skipped"));
        Assert.All(Enumerable.Range(1, 5), i => Assert.StartsWith("rate-limited: ", ReportActions.Reason(report, "taint-node", i), StringComparison.Ordinal));
        Assert.Equal(["w1"], Cluster.Nodes().Where(n => n.Taints.Count > 0).Select(n => n.Name));
        Assert.False(Cluster.Node("n1").Taints.Count > 0);
    }

    [Fact]
    public async Task AuditAlert_PodGone_TheHostnameIsNotTakenForItsNode()
    {
        var report = await RespondWithAsync(CordonAuditAlerts, Alert("shop", "gone-1", hostname: "n1", source: "k8s_audit"));

        Assert.Equal(
            "cordon-node skipped: no-node: pod shop/gone-1 is gone, and a k8s_audit alert's hostname is the node of the Falco that read the audit log, not the pod's",
            ReportActions.Of(report)[0]);
        Assert.Empty(Writes());
    }
}
