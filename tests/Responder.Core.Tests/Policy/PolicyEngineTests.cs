using Responder.Core.Policy;
using Responder.Harness;
using static Responder.Core.Tests.Ranking.FixtureAlerts;

namespace Responder.Core.Tests.Policy;

public sealed class PolicyEngineTests
{
    private const string Pod = "payments/api-7d9f8b6c5d-x2k4q";
    private const string Node = "ip-10-0-1-23.eu-west-1.compute.internal";

    [Fact]
    public void Decide_ActionsListedInAnyOrder_RunInCanonicalOrder()
    {
        var toml = $"""
            dry_run = false
            [aws]
            sns_topic_arn = "{PolicyHarness.Topic}"
            [[policy.rules]]
            name = "everything"
            [[policy.rules.actions]]
            action = "notify"
            [[policy.rules.actions]]
            action = "delete-pod"
            [[policy.rules.actions]]
            action = "evict-pod"
            [[policy.rules.actions]]
            action = "taint-node"
            [[policy.rules.actions]]
            action = "cordon-node"
            [[policy.rules.actions]]
            action = "isolate-pod"
            [[policy.rules.actions]]
            action = "label-pod"
            """;

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell"));

        Assert.Equal(
            [
                ("label-pod", Pod), ("isolate-pod", Pod), ("cordon-node", Node), ("taint-node", Node),
                ("evict-pod", Pod), ("delete-pod", Pod), ("notify", PolicyHarness.Topic),
            ],
            decision.Actions.Select(a => (a.Kind.ToWire(), a.Target)));
        Assert.All(decision.Actions, a => Assert.Equal((ActionStatus.Planned, null, "everything", true), (a.Status, a.Reason, a.PolicyRule, a.IsPending)));
        Assert.False(decision.DryRun);
    }

    [Fact]
    public void Decide_ActionsFromSeveralRules_MergeInCanonicalOrder()
    {
        var toml = """
            dry_run = false
            [[policy.rules]]
            name = "first"
            [[policy.rules.actions]]
            action = "notify"
            [[policy.rules.actions]]
            action = "delete-pod"
            [[policy.rules]]
            name = "second"
            [[policy.rules.actions]]
            action = "label-pod"
            [[policy.rules.actions]]
            action = "cordon-node"
            """;

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell"));

        Assert.Equal(["first", "second"], decision.MatchedRules);
        Assert.Equal(["label-pod", "cordon-node", "delete-pod", "notify"], decision.Names());
        Assert.Equal(["second", "second", "first", "first"], decision.Actions.Select(a => a.PolicyRule));
    }

    [Fact]
    public void Decide_ActionAddedByAnEarlierRule_KeepsTheEarlierParameters()
    {
        var toml = """
            dry_run = false
            [[policy.rules]]
            name = "gentle"
            [[policy.rules.actions]]
            action = "delete-pod"
            grace_period_seconds = 30
            [[policy.rules]]
            name = "harsh"
            [[policy.rules.actions]]
            action = "delete-pod"
            grace_period_seconds = 0
            [[policy.rules.actions]]
            action = "evict-pod"
            """;

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell"));

        var delete = decision.Action(ActionKind.DeletePod);
        Assert.Equal((30, "gentle"), (delete.Spec.GracePeriodSeconds, delete.PolicyRule));
        Assert.Equal("harsh", decision.Action(ActionKind.EvictPod).PolicyRule);
    }

    [Theory]
    // first rule's priority  rules that matched  actions
    [InlineData("Notice",     "first",            "notify")]
    [InlineData("Critical",   "second",           "delete-pod")]
    public void Decide_RuleWithContinueFalse_StopsTheEvaluationOnlyWhenItMatches(string priority, string matched, string actions)
    {
        var toml = $"""
            dry_run = false
            [[policy.rules]]
            name = "first"
            continue = false
            [policy.rules.match]
            priority = "{priority}"
            [[policy.rules.actions]]
            action = "notify"
            [[policy.rules]]
            name = "second"
            [[policy.rules.actions]]
            action = "delete-pod"
            """;

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell"));

        Assert.Equal([matched], decision.MatchedRules);
        Assert.Equal([actions], decision.Names());
    }

    public static TheoryData<string?, string, bool> NothingMatches() => new()
    {
        // configuration                                     fixture          dry run
        { PolicyHarness.OneRule("priority = \"Critical\""), "terminal-shell", false }, // one live rule, for another priority
        { null,                                             "internal-drop",  true },  // the default policy (dry run): nothing for Debug
    };

    [Theory]
    [MemberData(nameof(NothingMatches))]
    public void Decide_NoRuleMatches_DecidesNothingAndKeepsTheDryRunFlag(string? toml, string fixture, bool dryRun)
    {
        var decision = PolicyHarness.Decide(toml, Read(fixture));

        Assert.Empty(decision.MatchedRules);
        Assert.Empty(decision.Actions);
        Assert.Equal(dryRun, decision.DryRun);
    }

    [Fact]
    public void Decide_GlobalDryRun_HoldsClusterActionsButNotTheNotification()
    {
        var toml = """
            dry_run = true
            [[policy.rules]]
            name = "r"
            [[policy.rules.actions]]
            action = "cordon-node"
            [[policy.rules.actions]]
            action = "delete-pod"
            [[policy.rules.actions]]
            action = "notify"
            """;

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell"));

        Assert.True(decision.DryRun);
        Assert.Equal(
            [
                ("cordon-node", ActionStatus.Planned, "dry-run", true),
                ("delete-pod", ActionStatus.Planned, "dry-run", true),
                ("notify", ActionStatus.Planned, null, false),
            ],
            decision.Actions.Select(a => (a.Kind.ToWire(), a.Status, a.Reason, a.HeldByDryRun)));
        Assert.Equal([false, false, true], decision.Actions.Select(a => a.IsPending));
    }

    [Fact]
    public void Decide_RuleDryRun_HoldsOnlyThatRulesClusterActions()
    {
        var toml = """
            dry_run = false
            [[policy.rules]]
            name = "live"
            [[policy.rules.actions]]
            action = "label-pod"
            [[policy.rules]]
            name = "observe"
            dry_run = true
            [[policy.rules.actions]]
            action = "label-pod"
            [[policy.rules.actions]]
            action = "delete-pod"
            [[policy.rules.actions]]
            action = "notify"
            """;

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell"));

        Assert.True(decision.DryRun);
        Assert.Equal(
            [
                ("label-pod", "live", null, true),
                ("delete-pod", "observe", "dry-run (policy rule observe)", false),
                ("notify", "observe", null, true),
            ],
            decision.Actions.Select(a => (a.Kind.ToWire(), a.PolicyRule, a.Reason, a.IsPending)));
        Assert.All(decision.Actions, a => Assert.Equal(ActionStatus.Planned, a.Status));
    }

    [Fact]
    public void Decide_NoTopicConfigured_NotifyHasNoTarget()
    {
        var decision = PolicyHarness.Decide(PolicyHarness.OneRule(string.Empty), Read("terminal-shell"));

        var notify = decision.Action(ActionKind.Notify);
        Assert.Null(notify.Target);
        Assert.Equal(ActionStatus.Planned, notify.Status);
    }

    [Fact]
    public void Decide_ActionParameters_ComeFromTheConfiguration()
    {
        var toml = """
            dry_run = false
            [[policy.rules]]
            name = "r"
            [[policy.rules.actions]]
            action = "evict-pod"
            grace_period_seconds = 15
            on_pdb_refusal = "delete"
            [[policy.rules.actions]]
            action = "taint-node"
            key = "example.com/compromised"
            value = "falco"
            effect = "NoExecute"
            [[policy.rules.actions]]
            action = "label-pod"
            labels = { "example.com/incident" = "ir-42" }
            [[policy.rules.actions]]
            action = "isolate-pod"
            """;

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell"));

        var evict = decision.Action(ActionKind.EvictPod).Spec;
        Assert.Equal((15, PdbRefusal.Delete), (evict.GracePeriodSeconds, evict.OnPdbRefusal));
        Assert.Equal(new NodeTaint("example.com/compromised", "falco", "NoExecute"), decision.Action(ActionKind.TaintNode).Spec.Taint);
        Assert.Equal(new Dictionary<string, string> { ["example.com/incident"] = "ir-42" }, decision.Action(ActionKind.LabelPod).Spec.Labels);
        Assert.Equal(new Dictionary<string, string> { ["falco-responder/quarantine"] = "true" }, decision.Action(ActionKind.IsolatePod).Spec.Labels);
    }

    [Fact]
    public void Decide_ActionParametersLeftOut_TakeTheDocumentedDefaults()
    {
        var toml = """
            dry_run = false
            [[policy.rules]]
            name = "r"
            [[policy.rules.actions]]
            action = "evict-pod"
            [[policy.rules.actions]]
            action = "delete-pod"
            [[policy.rules.actions]]
            action = "taint-node"
            [[policy.rules.actions]]
            action = "label-pod"
            """;

        var decision = PolicyHarness.Decide(toml, Read("terminal-shell"));

        var evict = decision.Action(ActionKind.EvictPod).Spec;
        Assert.Equal((null, PdbRefusal.Skip), (evict.GracePeriodSeconds, evict.OnPdbRefusal));
        Assert.Equal(0, decision.Action(ActionKind.DeletePod).Spec.GracePeriodSeconds);
        Assert.Equal(new NodeTaint("falco-responder/compromised", "true", "NoSchedule"), decision.Action(ActionKind.TaintNode).Spec.Taint);
        Assert.Empty(decision.Action(ActionKind.LabelPod).Spec.Labels);
    }
}
