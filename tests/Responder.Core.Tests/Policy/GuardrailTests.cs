using Responder.Core.Policy;
using static Responder.Core.Tests.Ranking.FixtureAlerts;

namespace Responder.Core.Tests.Policy;

public sealed class GuardrailTests
{
    private const string Node = "ip-10-0-1-23.eu-west-1.compute.internal";

    // Every action, live (no dry run), for every alert.
    private const string AllActions = """
        dry_run = false
        [[policy.rules]]
        name = "all"
        [[policy.rules.actions]]
        action = "label-pod"
        [[policy.rules.actions]]
        action = "isolate-pod"
        [[policy.rules.actions]]
        action = "cordon-node"
        [[policy.rules.actions]]
        action = "taint-node"
        [[policy.rules.actions]]
        action = "evict-pod"
        [[policy.rules.actions]]
        action = "delete-pod"
        [[policy.rules.actions]]
        action = "notify"
        """;

    [Theory]
    [InlineData("kube-system")]
    [InlineData("falco")]
    public void Decide_DefaultProtectedNamespace_SkipsEveryClusterActionNodeActionsToo(string ns)
    {
        var alert = Read("terminal-shell", Field("k8s.ns.name", ns));

        var decision = PolicyHarness.Decide(AllActions, alert);

        var reason = $"protected-namespace: {ns} is protected";
        Assert.Equal(
            [
                ("label-pod", ActionStatus.Skipped, reason), ("isolate-pod", ActionStatus.Skipped, reason),
                ("cordon-node", ActionStatus.Skipped, reason), ("taint-node", ActionStatus.Skipped, reason),
                ("evict-pod", ActionStatus.Skipped, reason), ("delete-pod", ActionStatus.Skipped, reason),
                ("notify", ActionStatus.Planned, null),
            ],
            decision.Actions.Select(a => (a.Kind.ToWire(), a.Status, a.Reason)));
        Assert.Equal($"{ns}/api-7d9f8b6c5d-x2k4q", decision.Action(ActionKind.DeletePod).Target);
        Assert.Equal(Node, decision.Action(ActionKind.CordonNode).Target);
    }

    public static TheoryData<string, string, ActionStatus, string?> NamespaceSettings() => new()
    {
        // [policy] setting                                     namespace   cluster actions       their reason
        { "protected_namespaces = [\"kube-system\", \"pay*\"]", "payments", ActionStatus.Skipped, "protected-namespace: payments is protected" },
        // A user's list once replaced the default one and so unprotected falco: it now adds to the system namespaces.
        { "protected_namespaces = [\"kube-system\"]",           "falco",    ActionStatus.Skipped, "protected-namespace: falco is protected" },
        { "system_namespaces = [\"kube-system\"]",              "falco",    ActionStatus.Planned, null },
    };

    [Theory]
    [MemberData(nameof(NamespaceSettings))]
    public void Decide_NamespaceSettings_SkipTheClusterActionsOfProtectedNamespacesOnly(string setting, string ns, ActionStatus status, string? reason)
    {
        var decision = PolicyHarness.Decide(AllActions + "\n[policy]\n" + setting, Read("terminal-shell", Field("k8s.ns.name", ns)));

        Assert.All(decision.Actions.Where(a => a.Kind != ActionKind.Notify), a => Assert.Equal((status, reason), (a.Status, a.Reason)));
        Assert.Equal((ActionStatus.Planned, null), (decision.Action(ActionKind.Notify).Status, decision.Action(ActionKind.Notify).Reason));
    }

    [Fact]
    public void Decide_ProtectedNamespaceUnderGlobalDryRun_IsSkippedNotPlanned()
    {
        var toml = AllActions.Replace("dry_run = false", "dry_run = true", StringComparison.Ordinal);

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell", Field("k8s.ns.name", "kube-system")));

        Assert.All(decision.Actions.Where(a => a.Kind != ActionKind.Notify), a => Assert.Equal(ActionStatus.Skipped, a.Status));
    }

    [Fact]
    public void Decide_ProtectedNode_AlertWithoutPod_SkipsNodeActionsOnTheAlertsNode()
    {
        var toml = AllActions + """

            [policy]
            protected_nodes = ["*.system.internal", "ip-10-0-4-*"]
            """;

        var decision = PolicyHarness.Decide(toml, Read("kernel-module-host"));

        var reason = "protected-node: ip-10-0-4-4.eu-west-1.compute.internal matches ip-10-0-4-*";
        Assert.All(decision.Actions.Where(a => a.Kind.IsNodeAction()), a => Assert.Equal((ActionStatus.Skipped, reason), (a.Status, a.Reason)));
    }

    [Fact]
    public void Decide_ProtectedNode_AlertWithPod_LeavesTheNodeToTheCheckOnThePodsNode()
    {
        // The pod's own node is known only once the pod is read: the hostname an alert carries is not it.
        var toml = AllActions + """

            [policy]
            protected_nodes = ["ip-10-0-1-*"]
            """;

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell"));

        Assert.All(decision.Actions, a => Assert.Equal(ActionStatus.Planned, a.Status));
        Assert.Equal(Node, decision.Action(ActionKind.CordonNode).Target);
    }

    [Fact]
    public void Decide_NoNamespace_SkipsPodActionsAndKeepsNodeActions()
    {
        var decision = PolicyHarness.Decide(AllActions, Read("kernel-module-host"));

        const string Reason = "no-namespace: the alert names no namespace";
        Assert.Equal(
            [
                ("label-pod", null, ActionStatus.Skipped, Reason), ("isolate-pod", null, ActionStatus.Skipped, Reason),
                ("cordon-node", "ip-10-0-4-4.eu-west-1.compute.internal", ActionStatus.Planned, null),
                ("taint-node", "ip-10-0-4-4.eu-west-1.compute.internal", ActionStatus.Planned, null),
                ("evict-pod", null, ActionStatus.Skipped, Reason), ("delete-pod", null, ActionStatus.Skipped, Reason),
                ("notify", null, ActionStatus.Planned, null),
            ],
            decision.Actions.Select(a => (a.Kind.ToWire(), a.Target, a.Status, a.Reason)));
    }

    [Fact]
    public void Decide_NamespaceWithoutPod_SkipsPodActionsWithNoPod()
    {
        var decision = PolicyHarness.Decide(AllActions, Read("terminal-shell", Field("k8s.pod.name", null)));

        Assert.All(
            decision.Actions.Where(a => a.Kind.IsPodAction()),
            a => Assert.Equal((null, ActionStatus.Skipped, "no-pod: the alert names no pod"), (a.Target, a.Status, a.Reason)));
        Assert.All(decision.Actions.Where(a => a.Kind.IsNodeAction()), a => Assert.Equal(ActionStatus.Planned, a.Status));
    }

    [Theory]
    [InlineData("Falco_Host")]
    [InlineData(null)]
    public void Decide_NoValidNodeAndNoPod_SkipsNodeActionsWithNoNode(string? hostname)
    {
        var alert = Read("kernel-module-host", node =>
        {
            node.Remove("hostname");
            if (hostname is not null)
            {
                node["hostname"] = hostname;
            }
        });

        var decision = PolicyHarness.Decide(AllActions, alert);

        Assert.All(
            decision.Actions.Where(a => a.Kind.IsNodeAction()),
            a => Assert.Equal((null, ActionStatus.Skipped, "no-node: the alert names no valid node"), (a.Target, a.Status, a.Reason)));
    }

    [Fact]
    public void Decide_NoValidNodeButAPod_PlansNodeActionsOnThePodsNode()
    {
        var decision = PolicyHarness.Decide(AllActions, Read("terminal-shell", Set("hostname", null)));

        Assert.All(decision.Actions, a => Assert.Equal(ActionStatus.Planned, a.Status));
        Assert.Null(decision.Action(ActionKind.CordonNode).Target);
    }

    [Fact]
    public void Decide_ProtectedNamespaceWithoutNode_ReportsTheProtectedNamespace()
    {
        var alert = Read("terminal-shell", node =>
        {
            node.Remove("hostname");
            node["output_fields"]!["k8s.ns.name"] = "kube-system";
            node["output_fields"]!.AsObject().Remove("k8s.pod.name");
        });

        var decision = PolicyHarness.Decide(AllActions, alert);

        Assert.All(
            decision.Actions.Where(a => a.Kind != ActionKind.Notify),
            a => Assert.Equal("protected-namespace: kube-system is protected", a.Reason));
    }

    [Fact]
    public void Decide_EverySkip_HasAReasonWithAKnownCode()
    {
        string[] codes = ["protected-namespace", "protected-node", "no-namespace", "no-pod", "no-node"];
        var toml = AllActions + """

            [policy]
            protected_nodes = ["ip-10-0-4-*"]
            """;
        var alerts = new[]
        {
            Read("kernel-module-host"),
            Read("terminal-shell", Field("k8s.pod.name", null)),
            Read("terminal-shell", Field("k8s.ns.name", "kube-system")),
            Read("kernel-module-host", Set("hostname", null)),
        };

        var skipped = alerts.SelectMany(a => PolicyHarness.Decide(toml, a).Actions).Where(a => a.Status == ActionStatus.Skipped).ToList();

        Assert.Equal(codes.Order(), skipped.Select(a => a.Reason!.Split(": ")[0]).Distinct().Order());
        Assert.All(skipped, a => Assert.Matches("^[a-z-]+: .+$", a.Reason));
    }
}
