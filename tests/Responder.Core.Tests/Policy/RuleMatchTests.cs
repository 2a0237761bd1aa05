using Responder.Harness;
using static Responder.Core.Tests.Ranking.FixtureAlerts;

namespace Responder.Core.Tests.Policy;

public sealed class RuleMatchTests
{
    [Theory]
    [InlineData("rules = [\"Terminal shell in container\"]", true)]
    [InlineData("rules = [\"Terminal shell*\"]", true)]
    [InlineData("rules = [\"*shell*\"]", true)]
    [InlineData("rules = [\"Terminal shell in containe?\"]", true)]
    [InlineData("rules = [\"Read sensitive file untrusted\", \"Terminal*\"]", true)]
    [InlineData("rules = [\"Terminal shell\"]", false)]
    [InlineData("rules = [\"terminal shell in container\"]", false)]
    [InlineData("rules = [\"Read sensitive file untrusted\"]", false)]
    public void Match_RuleNames_ExactOrGlob(string condition, bool matches) => AssertMatch("terminal-shell", condition, matches);

    [Theory]
    [InlineData("Notice", true)]
    [InlineData("notice", true)]
    [InlineData("= Notice", true)]
    [InlineData("Warning", false)]
    [InlineData(">= Notice", true)]
    [InlineData(">=Informational", true)]
    [InlineData(">= Warning", false)]
    [InlineData("> Notice", false)]
    [InlineData("> Informational", true)]
    [InlineData("<= Notice", true)]
    [InlineData("<= Debug", false)]
    [InlineData("< Warning", true)]
    [InlineData("< Notice", false)]
    [InlineData("> info", true)]
    public void Match_Priority_ComparesFalcoPriorities(string priority, bool matches) =>
        AssertMatch("terminal-shell", $"priority = \"{priority}\"", matches);

    [Theory]
    [InlineData("Critical", ">= Error", true)]
    [InlineData("Emergency", "> Alert", true)]
    [InlineData("Alert", "> Alert", false)]
    [InlineData("Debug", "< Informational", true)]
    [InlineData("Severe", "< Debug", true)]
    [InlineData("Severe", ">= Debug", false)]
    public void Match_PriorityOfOtherAlerts_FollowsFalcoOrder(string alertPriority, string condition, bool matches)
    {
        var alert = Read("terminal-shell", Set("priority", alertPriority));

        var decision = PolicyHarness.Decide(PolicyHarness.OneRule($"priority = \"{condition}\""), alert);

        Assert.Equal(matches, decision.MatchedRules.Contains("r"));
    }

    [Theory]
    [InlineData("tags = [\"mitre_execution, container\"]", true)]
    [InlineData("tags = [\"mitre_execution, host\"]", false)]
    [InlineData("tags = [\"mitre_execution, host\", \"T1059\"]", true)]
    [InlineData("tags = [\"host\", \"T1611\"]", false)]
    [InlineData("tags = [[\"shell\", \"container\"]]", true)]
    [InlineData("tags = [[\"shell\", \"host\"], \"cis\"]", false)]
    [InlineData("tags = [\"MITRE_EXECUTION\"]", true)]
    public void Match_Tags_OrOfAndGroups(string condition, bool matches) => AssertMatch("terminal-shell", condition, matches);

    [Theory]
    [InlineData("output_fields = [\"k8s.ns.name=payments\"]", true)]
    [InlineData("output_fields = [\"k8s.ns.name = payments\"]", true)]
    [InlineData("output_fields = [\"k8s.ns.name!=payments\"]", false)]
    [InlineData("output_fields = [\"k8s.ns.name=payments, user.name!=root\"]", false)]
    [InlineData("output_fields = [\"k8s.ns.name=payments, user.name!=root\", \"proc.name=bash\"]", true)]
    [InlineData("output_fields = [[\"k8s.ns.name=payments\", \"user.name=root\"]]", true)]
    [InlineData("output_fields = [\"proc.tty=34816\"]", true)]
    [InlineData("output_fields = [\"container.privileged=\"]", true)]
    [InlineData("output_fields = [\"container.privileged!=\"]", false)]
    [InlineData("output_fields = [\"proc.name=Bash\"]", false)]
    public void Match_OutputFields_OrOfAndGroupsOfEqualsAndNotEquals(string condition, bool matches) =>
        AssertMatch("terminal-shell", condition, matches);

    [Fact]
    public void Match_OutputFieldsWithCapitalisedKeys_AreReadIgnoringCase() =>
        AssertMatch("capitalised-keys", "output_fields = [\"k8s.ns.name=payments, proc.name=nc\"]", true);

    [Fact]
    public void Match_OutputFieldsNullOrNA_ReadAsEmpty()
    {
        var alert = Read("read-sensitive-file", Field("container.name", "<NA>"));

        // proc.aname[3] is JSON null in the fixture.
        var decision = PolicyHarness.Decide(PolicyHarness.OneRule("output_fields = [\"proc.aname[3]=, container.name=\"]"), alert);

        Assert.Equal(["r"], decision.MatchedRules);
    }

    [Theory]
    [InlineData("terminal-shell", "syscall", true)]
    [InlineData("terminal-shell", "SYSCALL", true)]
    [InlineData("terminal-shell", "syscalls", true)]
    [InlineData("terminal-shell", "k8s_audit", false)]
    [InlineData("sidekick-fileless", "syscall", true)]
    [InlineData("k8s-audit-exec", "k8s_audit", true)]
    [InlineData("internal-drop", "internal", true)]
    [InlineData("internal-drop", "syscall", false)]
    public void Match_Source_ComparesNormalisedSources(string fixture, string source, bool matches) =>
        AssertMatch(fixture, $"source = \"{source}\"", matches);

    [Theory]
    [InlineData("terminal-shell", "[\"payments\"]", true)]
    [InlineData("terminal-shell", "[\"pay*\"]", true)]
    [InlineData("terminal-shell", "[\"shop\", \"payment?\"]", true)]
    [InlineData("terminal-shell", "[\"shop\"]", false)]
    [InlineData("k8s-audit-exec", "[\"payments\"]", true)]
    [InlineData("kernel-module-host", "[\"*\"]", false)]
    public void Match_Namespaces_NamesOrGlobsAndNeverWithoutNamespace(string fixture, string namespaces, bool matches) =>
        AssertMatch(fixture, $"namespaces = {namespaces}", matches);

    [Theory]
    [InlineData("terminal-shell", "informational", true)]
    [InlineData("terminal-shell", "low", true)]
    [InlineData("terminal-shell", "medium", false)]
    [InlineData("read-sensitive-file", "high", true)]
    [InlineData("read-sensitive-file", "critical", false)]
    [InlineData("debugfs-privileged", "critical", true)]
    public void Match_MinSeverity_ComparesTheRankedSeverity(string fixture, string severity, bool matches) =>
        AssertMatch(fixture, $"min_severity = \"{severity}\"", matches);

    [Theory]
    [InlineData(0, true)]
    [InlineData(35, true)]
    [InlineData(36, false)]
    public void Match_MinScore_ComparesTheRankedScore(int minScore, bool matches) =>
        AssertMatch("terminal-shell", $"min_score = {minScore}", matches);

    [Theory]
    [InlineData("terminal-shell", true)]
    [InlineData("k8s-audit-exec", true)]
    [InlineData("kernel-module-host", false)]
    public void Match_RequirePod_NeedsNamespaceAndPod(string fixture, bool matches) =>
        AssertMatch(fixture, "require_pod = true", matches);

    [Fact]
    public void Match_RequirePodWithNamespaceButNoPod_DoesNotMatch()
    {
        var alert = Read("terminal-shell", Field("k8s.pod.name", null));

        var decision = PolicyHarness.Decide(PolicyHarness.OneRule("require_pod = true"), alert);

        Assert.Empty(decision.MatchedRules);
    }

    [Fact]
    public void Match_RequirePodFalse_MatchesAlertsWithoutPod() =>
        AssertMatch("kernel-module-host", "require_pod = false", true);

    [Theory]
    [InlineData("priority = \"Notice\"\nnamespaces = [\"payments\"]\ntags = [\"shell\"]\nrequire_pod = true", true)]
    [InlineData("priority = \"Notice\"\nnamespaces = [\"shop\"]", false)]
    [InlineData("rules = [\"Terminal*\"]\nmin_score = 90", false)]
    [InlineData("source = \"syscall\"\noutput_fields = [\"user.name=www-data\"]", false)]
    public void Match_SeveralConditions_AllMustHold(string conditions, bool matches) => AssertMatch("terminal-shell", conditions, matches);

    [Theory]
    [InlineData("internal-drop")]
    [InlineData("kernel-module-host")]
    [InlineData("terminal-shell")]
    public void Match_EmptyMatchTable_MatchesEveryAlert(string fixture) => AssertMatch(fixture, string.Empty, true);

    [Fact]
    public void Match_NoMatchTable_MatchesEveryAlert()
    {
        var config = TestConfig.From("""
            [[policy.rules]]
            name = "all"
            [[policy.rules.actions]]
            action = "notify"
            """);

        var decision = PolicyHarness.Decide(config, Read("internal-drop"));

        Assert.Equal(["all"], decision.MatchedRules);
    }

    private static void AssertMatch(string fixture, string condition, bool matches)
    {
        var decision = PolicyHarness.Decide(PolicyHarness.OneRule(condition), Read(fixture));

        Assert.Equal(matches ? ["r"] : [], decision.MatchedRules);
        Assert.Equal(matches ? ["notify"] : [], decision.Names());
    }
}
