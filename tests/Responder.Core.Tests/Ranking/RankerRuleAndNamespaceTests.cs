using Responder.Core.Alerts;
using Responder.Core.Ranking;
using Responder.Harness;

namespace Responder.Core.Tests.Ranking;

/// <summary>Rule pins and boosts, namespace weights and the 0..100 limit.</summary>
public sealed class RankerRuleAndNamespaceTests
{
    [Fact]
    public void Rank_ExactRulePin_FixesTheScoreWhateverElseApplies()
    {
        var ranker = Ranker("""
            [ranking.namespaces]
            payments = 40
            [[ranking.rules]]
            rule = "Terminal shell in container"
            boost = 30
            [[ranking.rules]]
            rule = "Terminal shell in container"
            pin = 22
            """);
        var terms = new List<ScoreTerm>();

        var ranking = ranker.Rank(FixtureAlerts.Read("terminal-shell"), terms);

        Assert.Equal(new AlertRanking(22, Severity.Low), ranking);
        Assert.DoesNotContain(terms, t => t.Kind == "limit");
        var pin = Assert.Single(terms, t => t.Kind == "rule" && t.Points == 22);
        Assert.Equal("rule pinned to 22", pin.Note);
    }

    [Fact]
    public void Rank_PinAboveTheRawScore_IsNotLimited()
    {
        // Detect release_agent File Container Escapes: 85 + 10 + 25 = 120 before its pin of 100.
        var terms = new List<ScoreTerm>();

        var ranking = DefaultRanker().Rank(FixtureAlerts.Read("release-agent-escape"), terms);

        Assert.Equal(100, ranking.Score);
        Assert.Equal(("rule", "Detect release_agent File Container Escapes", 100), (terms[^1].Kind, terms[^1].Subject, terms[^1].Points));
    }

    [Fact]
    public void Rank_TwoMatchingPins_FirstWins()
    {
        var ranker = Ranker("""
            [[ranking.rules]]
            rule = "Terminal*"
            pin = 30
            [[ranking.rules]]
            rule = "Terminal shell in container"
            pin = 90
            """);
        var terms = new List<ScoreTerm>();

        var ranking = ranker.Rank(FixtureAlerts.Read("terminal-shell"), terms);

        Assert.Equal(new AlertRanking(30, Severity.Low), ranking);
        Assert.Equal(["rule pinned to 30", "rule pin (an earlier pin applies)"], terms.Where(t => t.Kind == "rule").Select(t => t.Note));
    }

    [Fact]
    public void Rank_TwoMatchingPinsOfTheSameScore_SecondIsExplainedAsNotApplying()
    {
        var ranker = Ranker("""
            [[ranking.rules]]
            rule = "Terminal*"
            pin = 90
            [[ranking.rules]]
            rule = "Terminal shell in container"
            pin = 90
            """);
        var terms = new List<ScoreTerm>();

        ranker.Rank(FixtureAlerts.Read("terminal-shell"), terms);

        Assert.Equal(["rule pinned to 90", "rule pin (an earlier pin applies)"], terms.Where(t => t.Kind == "rule").Select(t => t.Note));
    }

    [Fact]
    public void Rank_EveryMatchingBoost_Applies()
    {
        var ranker = Ranker("""
            [[ranking.rules]]
            rule = "Terminal shell*"
            boost = 10
            [[ranking.rules]]
            rule = "*in container"
            boost = -4
            [[ranking.rules]]
            rule = "Read sensitive file untrusted"
            boost = 50
            """);
        var terms = new List<ScoreTerm>();

        var ranking = ranker.Rank(FixtureAlerts.Read("terminal-shell"), terms);

        Assert.Equal(41, ranking.Score);
        Assert.Equal([("Terminal shell*", 10), ("*in container", -4)], terms.Where(t => t.Kind == "rule").Select(t => (t.Subject, t.Points)));
    }

    [Fact]
    public void Rank_ExactNamespace_WinsOverEveryGlob()
    {
        var ranker = Ranker("""
            [ranking.namespaces]
            "paym*" = 20
            "*" = 30
            payments = -20
            """);
        var terms = new List<ScoreTerm>();

        var ranking = ranker.Rank(FixtureAlerts.Read("terminal-shell"), terms);

        Assert.Equal(new AlertRanking(15, Severity.Informational), ranking);
        var term = Assert.Single(terms, t => t.Kind == "namespace");
        Assert.Equal(("payments", -20, "namespace payments"), (term.Subject, term.Points, term.Note));
    }

    [Fact]
    public void Rank_SeveralGlobs_MostSpecificWins()
    {
        var ranker = Ranker("""
            [ranking.namespaces]
            "p*" = 30
            "pay*s" = 5
            "pa*" = 40
            "*" = 50
            shop = 60
            """);
        var terms = new List<ScoreTerm>();

        var ranking = ranker.Rank(FixtureAlerts.Read("terminal-shell"), terms);

        Assert.Equal(40, ranking.Score);
        Assert.Equal("pay*s", Assert.Single(terms, t => t.Kind == "namespace").Subject);
    }

    [Fact]
    public void Rank_AlertWithoutNamespace_GetsNoNamespaceWeight()
    {
        var ranker = Ranker("""
            [ranking.namespaces]
            "*" = 30
            """);
        var terms = new List<ScoreTerm>();

        var ranking = ranker.Rank(FixtureAlerts.Read("kernel-module-host"), terms);

        Assert.Equal(55, ranking.Score);
        Assert.DoesNotContain(terms, t => t.Kind == "namespace");
    }

    [Fact]
    public void Rank_NegativeTotal_IsKeptAtZeroWithALimitTerm()
    {
        var ranker = Ranker("""
            [ranking.namespaces]
            payments = -100
            """);
        var terms = new List<ScoreTerm>();

        var ranking = ranker.Rank(FixtureAlerts.Read("terminal-shell"), terms);

        Assert.Equal(new AlertRanking(0, Severity.Informational), ranking);
        Assert.Equal(("limit", "-65", 65), (terms[^1].Kind, terms[^1].Subject, terms[^1].Points));
    }

    private static Ranker DefaultRanker() => new(TestConfig.Default().Ranking);

    private static Ranker Ranker(string toml) => new(TestConfig.From(toml).Ranking);
}
