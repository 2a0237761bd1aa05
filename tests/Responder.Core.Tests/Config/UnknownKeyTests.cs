using Responder.Harness;

namespace Responder.Core.Tests.Config;

public sealed class UnknownKeyTests
{
    public static TheoryData<string, string, string> Typos() => new()
    {
        { "dry_rn = true", "dry_run", "dry_rn" },
        { "[polcy]\nprotected_nodes = []", "policy", "polcy" },
        { "[aws]\nsns_topc_arn = \"\"", "sns_topic_arn", "aws.sns_topc_arn" },
        { "[cluster]\nnames = \"prod\"", "name", "cluster.names" },
        { "[limits]\nmax_json_dept = 10", "max_json_depth", "limits.max_json_dept" },
        { "[ranking.severities]\nhihg = 70", "high", "ranking.severities.hihg" },
        { "[[ranking.rules]]\nrule = \"x\"\npinn = 5\nboost = 1", "pin", "ranking.rules[0].pinn" },
        { "[policy]\nprotected_namespace = [\"kube-system\"]", "protected_namespaces", "policy.protected_namespace" },
        { "[[policy.rules]]\nname = \"r\"\ncontinu = false\n[[policy.rules.actions]]\naction = \"notify\"", "continue", "policy.rules[0].continu" },
        { "[[policy.rules]]\nname = \"r\"\n[policy.rules.match]\nmin_severty = \"high\"\n[[policy.rules.actions]]\naction = \"notify\"", "min_severity", "policy.rules[0].match.min_severty" },
        { "[[policy.rules]]\nname = \"r\"\n[[policy.rules.actions]]\naction = \"delete-pod\"\ngrace_period_second = 5", "grace_period_seconds", "policy.rules[0].actions[0].grace_period_second" },
        { "[[policy.rules]]\nname = \"r\"\n[[policy.rules.actions]]\naction = \"taint-node\"\neffects = \"NoExecute\"", "effect", "policy.rules[0].actions[0].effects" },
        { "[[policy.rules]]\nname = \"r\"\n[[policy.rules.actions]]\naction = \"isolate-pod\"\nlabel = { a = \"b\" }", "labels", "policy.rules[0].actions[0].label" },
    };

    [Theory]
    [MemberData(nameof(Typos))]
    public void Load_MisspelledKey_IsAnErrorWithADidYouMeanHint(string toml, string hint, string path)
    {
        var result = TestConfig.Load(toml);

        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        Assert.Equal((path, $"unknown key (did you mean \"{hint}\"?)"), (error.Path, error.Message));
    }

    [Fact]
    public void Load_UnrelatedUnknownKey_ListsTheKnownKeys()
    {
        var error = Assert.Single(TestConfig.Load("verbose = true").Errors);

        Assert.Equal(("verbose", "unknown key (known here: aws, cluster, containment, dry_run, evidence, input, limits, notifications, policy, ranking, securityhub, state, trust)"), (error.Path, error.Message));
    }

    [Fact]
    public void Load_KeyFarFromEveryKnownKey_ListsTheKnownKeysOfItsTable()
    {
        var error = Assert.Single(TestConfig.Load("""
            [[policy.rules]]
            name = "r"
            [[policy.rules.actions]]
            action = "evict-pod"
            grace_period = 5
            """).Errors);

        Assert.Equal(
            ("policy.rules[0].actions[0].grace_period", "unknown key (known here: action, grace_period_seconds, on_pdb_refusal)"),
            (error.Path, error.Message));
    }

    [Fact]
    public void Load_ParameterOfAnotherAction_IsUnknownForThisAction()
    {
        var error = Assert.Single(TestConfig.Load("""
            [[policy.rules]]
            name = "r"
            [[policy.rules.actions]]
            action = "cordon-node"
            grace_period_seconds = 0
            """).Errors);

        Assert.Equal(("policy.rules[0].actions[0].grace_period_seconds", "unknown key (known here: action)"), (error.Path, error.Message));
    }

    [Fact]
    public void Load_UnknownKeysInSeveralTables_AreAllReported()
    {
        var result = TestConfig.Load("""
            extra = 1
            [aws]
            profile = "x"
            [ranking.severities]
            severe = 90
            """);

        Assert.Equal(["aws.profile", "extra", "ranking.severities.severe"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.StartsWith("unknown key", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownKeyWithUnusualName_IsQuotedInThePath()
    {
        var error = Assert.Single(TestConfig.Load("[aws]\n\"my key\" = 1").Errors);

        Assert.Equal("aws.\"my key\"", error.Path);
    }
}
