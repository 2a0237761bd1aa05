using Responder.Core.Alerts;
using Responder.Core.Config;
using Responder.Core.Ingest;
using Responder.Harness;

namespace Responder.Core.Tests.Config;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Load_NoFile_GivesTheDocumentedDefaults()
    {
        var result = TestConfig.Load(null);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        var config = result.Config!;
        Assert.True(config.DryRun);
        Assert.Equal(new AwsSettings(null, null), config.Aws);
        Assert.Equal(new ClusterSettings(null), config.Cluster);
        Assert.Equal(new InputLimits(33554432, 262144, 64), config.Limits);
        Assert.Equal(["kube-system", "falco"], config.Policy.ProtectedNamespaces.Select(p => p.Pattern));
        Assert.Empty(config.Policy.ProtectedNodes);
        Assert.Equal(["contain-critical", "snapshot-container-escape", "snapshot-kernel-module", "notify-notice-and-above"], config.Policy.Rules.Select(r => r.Name));
        Assert.Equal(new EvidenceSettings(), config.Evidence);
        Assert.Null(config.Evidence.Bucket);
        Assert.Equal(("falco-responder/", 90, 1048576), (config.Evidence.Prefix, config.Evidence.RetentionDays, config.Evidence.MaxLogBytesPerContainer));
        Assert.Equal(10, config.State.MaxSnapshots);
        Assert.Equal(["Detect release_agent File Container Escapes", "Fileless execution via memfd_create"], config.Ranking.RuleOverrides.Select(r => r.Rule.Pattern));
        Assert.Equal(85, config.Ranking.PriorityScores[FalcoPriority.Critical]);
        Assert.Equal(0, config.Ranking.PriorityScores[FalcoPriority.Unknown]);
        Assert.Equal(25, config.Ranking.TagBoosts["t1611"]);
        Assert.Empty(config.Ranking.NamespaceWeights);
    }

    [Fact]
    public void Load_TagInAnotherCase_ReplacesTheDefaultBoost()
    {
        var result = TestConfig.Load("[ranking.tags]\nt1611 = 0\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(0, result.Config!.Ranking.TagBoosts["T1611"]);
    }

    [Fact]
    public void Load_EmptyFile_KeepsEveryDefault()
    {
        var fromEmpty = TestConfig.From(string.Empty);
        var fromNothing = TestConfig.Default();

        Assert.Equal(fromNothing.DryRun, fromEmpty.DryRun);
        Assert.Equal(fromNothing.Limits, fromEmpty.Limits);
        Assert.Equal(fromNothing.Policy.Rules.Select(r => r.Name), fromEmpty.Policy.Rules.Select(r => r.Name));
        Assert.Equal(fromNothing.Ranking.PriorityScores, fromEmpty.Ranking.PriorityScores);
    }

    [Fact]
    public void Load_TableWritten_MergesKeyByKeyWithTheDefaults()
    {
        var config = TestConfig.From("""
            [ranking.priorities]
            notice = 40
            [ranking.tags]
            T1059 = 3
            [limits]
            max_json_depth = 32
            """);

        Assert.Equal(40, config.Ranking.PriorityScores[FalcoPriority.Notice]);
        Assert.Equal(50, config.Ranking.PriorityScores[FalcoPriority.Warning]);
        Assert.Equal(3, config.Ranking.TagBoosts["T1059"]);
        Assert.Equal(25, config.Ranking.TagBoosts["T1611"]);
        Assert.Equal(new InputLimits(33554432, 262144, 32), config.Limits);
        Assert.Equal(4, config.Policy.Rules.Count);
    }

    [Fact]
    public void Load_ArrayWritten_ReplacesTheDefaultArray()
    {
        var config = TestConfig.From("""
            [policy]
            system_namespaces = ["kube-system", "payments"]
            protected_nodes = ["*.system.internal"]
            """);

        Assert.Equal(["kube-system", "payments"], config.Policy.ProtectedNamespaces.Select(p => p.Pattern));
        Assert.Equal(["*.system.internal"], config.Policy.ProtectedNodes.Select(p => p.Pattern));
        Assert.Equal(4, config.Policy.Rules.Count);
    }

    [Fact]
    public void Load_PolicyRulesWritten_ReplaceTheDefaultRules()
    {
        var config = TestConfig.From("""
            [[policy.rules]]
            name = "only"
            [[policy.rules.actions]]
            action = "notify"
            """);

        var rule = Assert.Single(config.Policy.Rules);
        Assert.Equal("only", rule.Name);
        Assert.Equal(["kube-system", "falco"], config.Policy.ProtectedNamespaces.Select(p => p.Pattern));
    }

    [Fact]
    public void Load_RankingRulesEmptied_RemovesTheDefaultOverrides()
    {
        var config = TestConfig.From("""
            [ranking]
            rules = []
            """);

        Assert.Empty(config.Ranking.RuleOverrides);
        Assert.Equal(85, config.Ranking.PriorityScores[FalcoPriority.Critical]);
    }

    [Fact]
    public void Load_RuleFields_AreBound()
    {
        var config = TestConfig.From("""
            [[policy.rules]]
            name = "r"
            continue = false
            dry_run = true
            [policy.rules.match]
            rules = ["Terminal*"]
            priority = ">= Warning"
            tags = ["a, b", ["c", "d"], "e"]
            output_fields = ["k=v, x!=y"]
            source = "syscalls"
            namespaces = ["pay*"]
            min_severity = "high"
            min_score = 61
            require_pod = true
            [[policy.rules.actions]]
            action = "notify"
            """);

        var rule = Assert.Single(config.Policy.Rules);
        Assert.Equal((false, true), (rule.Continue, rule.DryRun));
        var match = rule.Match;
        Assert.Equal(["Terminal*"], match.Rules.Select(r => r.Pattern));
        Assert.Equal(">= Warning", match.Priority!.ToString());
        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], match.Tags.Groups);
        Assert.Equal(["k=v", "x!=y"], Assert.Single(match.OutputFields.Groups).Select(c => c.ToString()));
        Assert.Equal("syscall", match.Source);
        Assert.Equal(["pay*"], match.Namespaces.Select(n => n.Pattern));
        Assert.Equal((Responder.Core.Ranking.Severity.High, 61, true), (match.MinSeverity, match.MinScore, match.RequirePod));
    }

    [Theory]
    [InlineData("dry_run = \n", "test.toml:1:11")]
    [InlineData("dry_run = true\n[aws]\nregion = \"eu-west-1\n", "test.toml:3:20")]
    [InlineData("[policy]\nprotected_nodes = [\"a\", \n", "test.toml:3:1")]
    [InlineData("dry_run = true\n\n  = 3\n", "test.toml:3:3")]
    [InlineData("[aws\nregion = \"eu-west-1\"\n", "test.toml:1:5")]
    public void Load_SyntaxError_ReportsFileLineAndColumn(string toml, string location)
    {
        var result = TestConfig.Load(toml);

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.Path == location);
        Assert.All(result.Errors, e => Assert.StartsWith("test.toml:", e.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dry_run = false\ndry_run = true\n", "test.toml:2:1")]
    [InlineData("[aws]\nregion = \"eu-west-1\"\n\n[aws]\nregion = \"us-east-1\"\n", "test.toml:4:")]
    [InlineData("[policy]\nprotected_namespaces = [\"kube-system\"]\nprotected_namespaces = []\n", "test.toml:3:1")]
    public void Load_KeyDefinedTwice_IsASyntaxErrorNotASilentOverride(string toml, string location)
    {
        var result = TestConfig.Load(toml);

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.Path.StartsWith(location, StringComparison.Ordinal) && e.Message.Contains("already defined", StringComparison.Ordinal));
        Assert.All(result.Errors, e => Assert.StartsWith("test.toml:", e.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ErrorsInManyPlaces_ReportsEveryOneAtOnce()
    {
        var result = TestConfig.Load("""
            dry_run = "maybe"
            [aws]
            region = "Europe"
            [ranking.priorities]
            warning = 500
            [[policy.rules]]
            name = "r"
            [policy.rules.match]
            min_severity = "urgent"
            [[policy.rules.actions]]
            action = "notify"
            [[policy.rules.actions]]
            action = "delete-pod"
            grace_period_seconds = -1
            """);

        Assert.Null(result.Config);
        Assert.False(result.IsValid);
        Assert.Equal(
            ["aws.region", "dry_run", "policy.rules[0].actions[1].grace_period_seconds", "policy.rules[0].match.min_severity", "ranking.priorities.warning"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_Error_PrintsAsPathThenMessage()
    {
        var error = Assert.Single(TestConfig.Load("dry_run = 1").Errors);

        Assert.Equal("dry_run: expected a boolean (true or false), got an integer 1", error.ToString());
    }
}
