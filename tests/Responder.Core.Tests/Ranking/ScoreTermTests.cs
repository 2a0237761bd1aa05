using Responder.Core.Ingest;
using Responder.Core.Ranking;
using Responder.Core.Response;
using Responder.Harness;

namespace Responder.Core.Tests.Ranking;

/// <summary>The terms of a ranking are typed and travel with the alert's outcome, so nothing ranks an alert twice.</summary>
public sealed class ScoreTermTests
{
    private const string TwoPinsAndABoost = """
        [[ranking.rules]]
        rule = "Terminal*"
        pin = 30
        [[ranking.rules]]
        rule = "Terminal shell in container"
        pin = 90
        [[ranking.rules]]
        rule = "*in container"
        boost = 5
        """;

    [Fact]
    public void Decide_Outcome_CarriesTheTermsOfTheRankingItWasDecidedOn()
    {
        var config = TestConfig.From(TwoPinsAndABoost);
        var pipeline = new ResponsePipeline(config);
        using var reader = new DocumentReader(Envelopes.Lines(Fixtures.Alert("terminal-shell")), InputLimits.Default.MaxEnvelopeBytes);
        Assert.True(reader.TryRead(out var document));
        using var batch = pipeline.Decoder.Decode(document);

        var outcome = Assert.Single(pipeline.Decide(batch).Alerts);

        var terms = new List<ScoreTerm>();
        Assert.Equal(new Ranker(config.Ranking).Rank(outcome.Alert, terms), outcome.Ranking);
        Assert.Equal(terms, outcome.ScoreTerms);
        Assert.Equal(
            [ScoreTermKind.Priority, ScoreTermKind.RulePin, ScoreTermKind.RulePinUnused, ScoreTermKind.RuleBoost],
            outcome.ScoreTerms.Select(t => t.Type));
    }

    [Fact]
    public void Rank_PinsAndTheBaseScore_AreScores_BoostsAddPoints()
    {
        var terms = new List<ScoreTerm>();

        new Ranker(TestConfig.From(TwoPinsAndABoost).Ranking).Rank(FixtureAlerts.Read("terminal-shell"), terms);

        Assert.Equal(
            [(ScoreTermKind.Priority, true), (ScoreTermKind.RulePin, true), (ScoreTermKind.RulePinUnused, true), (ScoreTermKind.RuleBoost, false)],
            terms.Select(t => (t.Type, t.IsScore)));
        Assert.Equal(["priority", "rule", "rule", "rule"], terms.Select(t => t.Kind));
    }
}
