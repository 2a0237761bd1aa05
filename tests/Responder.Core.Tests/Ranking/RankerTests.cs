using Responder.Core.Alerts;
using Responder.Core.Ranking;
using Responder.Harness;

namespace Responder.Core.Tests.Ranking;

public sealed class RankerTests
{
    public static TheoryData<string, int, string> DefaultRankings() => new()
    {
        { "capitalised-keys", 85, "critical" },     // Critical, no boosted tag
        { "debugfs-privileged", 85, "critical" },   // Warning 50 + mitre_privilege_escalation 10 + T1611 25
        { "drop-and-execute", 90, "critical" },     // Critical 85 + mitre_persistence 5
        { "internal-drop", 5, "informational" },    // Debug, no tags
        { "k8s-audit-exec", 35, "low" },            // Notice
        { "kernel-module-host", 55, "medium" },     // Warning 50 + mitre_persistence 5
        { "read-sensitive-file", 60, "high" },      // Warning 50 + mitre_credential_access 10 (T1555 has no boost)
        { "release-agent-escape", 100, "critical" }, // pinned by its rule
        { "sidekick-fileless", 100, "critical" },   // Critical 85 + 5 + T1620 10 + rule boost 5 = 105, kept at 100
        { "terminal-shell", 35, "low" },            // Notice
    };

    [Fact]
    public void DefaultRankings_CoverEveryFixture_NoneMissing()
    {
        var covered = DefaultRankings().Select(row => (string)row[0]).Order();

        Assert.Equal(Fixtures.AlertNames, covered);
    }

    [Theory]
    [MemberData(nameof(DefaultRankings))]
    public void Rank_FixtureWithDefaultConfig_GivesDocumentedScoreAndSeverity(string fixture, int score, string severity)
    {
        var ranking = DefaultRanker().Rank(FixtureAlerts.Read(fixture));

        Assert.Equal(score, ranking.Score);
        Assert.Equal(severity, ranking.Severity.ToWire());
    }

    [Fact]
    public void Rank_BoostsAndLimit_ListsEveryTermInOrder()
    {
        var terms = new List<ScoreTerm>();

        var ranking = DefaultRanker().Rank(FixtureAlerts.Read("sidekick-fileless"), terms);

        Assert.Equal(new AlertRanking(100, Severity.Critical), ranking);
        Assert.Equal(
            [
                ("priority", "Critical", 85),
                ("tag", "mitre_defense_evasion", 5),
                ("tag", "T1620", 10),
                ("rule", "Fileless execution via memfd_create", 5),
                ("limit", "105", -5),
            ],
            terms.Select(t => (t.Kind, t.Subject, t.Points)));
    }

    [Fact]
    public void Rank_WithoutPinOrLimit_TermsAddUpToTheScore()
    {
        var terms = new List<ScoreTerm>();
        var ranker = Ranker("""
            [ranking.namespaces]
            tools = -7
            [[ranking.rules]]
            rule = "Debugfs*"
            boost = 3
            """);

        var ranking = ranker.Rank(FixtureAlerts.Read("debugfs-privileged"), terms);

        Assert.Equal(81, ranking.Score);
        Assert.Equal(ranking.Score, terms.Sum(t => t.Points));
        Assert.Equal(["priority", "tag", "tag", "rule", "namespace"], terms.Select(t => t.Kind));
    }

    [Fact]
    public void Rank_OneTagListUnderTwoConfigurations_EachScoresItsTagsWithItsOwnBoosts()
    {
        // The reader hands every alert of a rule the same tag list: the points kept for it belong to one configuration.
        var alert = FixtureAlerts.Read("debugfs-privileged");
        var defaults = DefaultRanker();
        var other = Ranker("""
            [ranking.tags]
            T1611 = 1
            mitre_privilege_escalation = 2
            """);

        var first = new List<ScoreTerm>();
        var second = new List<ScoreTerm>();
        var again = new List<ScoreTerm>();
        Assert.Equal(85, defaults.Rank(alert, first).Score);
        Assert.Equal(53, other.Rank(alert, second).Score);
        Assert.Equal(85, defaults.Rank(alert, again).Score);

        Assert.Equal([10, 25], first.Where(t => t.Kind == "tag").Select(t => t.Points));
        Assert.Equal([2, 1], second.Where(t => t.Kind == "tag").Select(t => t.Points));
        Assert.Equal(first, again);
    }

    [Fact]
    public void Rank_SameAlertTwice_GivesEqualRankingsAndTerms()
    {
        var ranker = DefaultRanker();
        var alert = FixtureAlerts.Read("sidekick-fileless");
        var first = new List<ScoreTerm>();
        var second = new List<ScoreTerm>();

        var a = ranker.Rank(alert, first);
        var b = ranker.Rank(alert, second);

        Assert.Equal(a, b);
        Assert.Equal(first, second);
        Assert.Equal(a, ranker.Rank(alert));
    }

    [Fact]
    public void Rank_SubTechniqueTag_CountsAsItsTechnique()
    {
        var terms = new List<ScoreTerm>();
        var alert = FixtureAlerts.Read("debugfs-privileged", FixtureAlerts.Tags("container", "T1611.001"));

        var ranking = DefaultRanker().Rank(alert, terms);

        Assert.Equal(75, ranking.Score); // Warning 50 + T1611 25
        var tag = Assert.Single(terms, t => t.Kind == "tag");
        Assert.Equal(("T1611.001", 25), (tag.Subject, tag.Points));
        Assert.Contains("T1611", tag.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_TechniqueAndSubTechniques_BoostOnce()
    {
        var terms = new List<ScoreTerm>();
        var alert = FixtureAlerts.Read("debugfs-privileged", FixtureAlerts.Tags("T1611.001", "T1611", "t1611.002"));

        var ranking = DefaultRanker().Rank(alert, terms);

        Assert.Equal(75, ranking.Score);
        Assert.Equal("T1611.001", Assert.Single(terms, t => t.Kind == "tag").Subject);
    }

    [Fact]
    public void Rank_SameTagInTwoCases_BoostsOnce()
    {
        var alert = FixtureAlerts.Read("debugfs-privileged", FixtureAlerts.Tags("MITRE_PRIVILEGE_ESCALATION", "mitre_privilege_escalation"));

        var ranking = DefaultRanker().Rank(alert);

        Assert.Equal(60, ranking.Score);
    }

    /// <summary>The ranking settings, one at a time: what each does to one fixture's score and severity.</summary>
    public static TheoryData<string, string, string, int, string> Configured() => new()
    {
        // case                                  configuration                                                           fixture               score severity
        { "tag boost added",                     "[ranking.tags]\nt1059 = 7",                                            "terminal-shell",     42, "medium" },
        { "default tag boost set to zero",       "[ranking.tags]\nT1611 = 0",                                            "debugfs-privileged", 60, "high" },
        { "dotted tag, no technique: no prefix", "[ranking.tags]\nPCI_DSS_11 = 10",                                      "drop-and-execute",   90, "critical" },
        { "priority score replaces the base",    "[ranking.priorities]\nnotice = 45",                                    "terminal-shell",     45, "medium" },
        { "score on the critical threshold",     "[ranking.severities]\ncritical = 85",                                  "debugfs-privileged", 85, "critical" },
        { "score one below the threshold",       "[ranking.severities]\ncritical = 86",                                  "debugfs-privileged", 85, "high" },
        { "rule pattern: case differs",          "[[ranking.rules]]\nrule = \"terminal shell in container\"\npin = 99",  "terminal-shell",     35, "low" },
        { "rule pattern: a prefix, no glob",     "[[ranking.rules]]\nrule = \"Terminal shell\"\npin = 99",               "terminal-shell",     35, "low" },
        { "rule pattern: ? needs one character", "[[ranking.rules]]\nrule = \"Terminal shell in container?\"\npin = 99", "terminal-shell",     35, "low" },
        { "namespace ? matches one character",   "[ranking.namespaces]\n\"paymen?s\" = 3\n\"paymen?\" = 9",              "terminal-shell",     38, "low" },
    };

    [Theory]
    [MemberData(nameof(Configured))]
    public void Rank_ConfiguredSetting_GivesThatScoreAndSeverity(string setting, string toml, string fixture, int score, string severity)
    {
        var ranking = Ranker(toml).Rank(FixtureAlerts.Read(fixture));

        Assert.Equal((setting, score, severity), (setting, ranking.Score, ranking.Severity.ToWire()));
    }

    [Theory]
    [InlineData("Severe", "Severe")]
    [InlineData(null, "Unknown")]
    public void Rank_UnreadablePriority_UsesTheUnknownScore(string? priority, string subject)
    {
        var ranker = Ranker("""
            [ranking.priorities]
            unknown = 12
            """);
        var terms = new List<ScoreTerm>();
        var alert = FixtureAlerts.Read("terminal-shell", node =>
        {
            node.Remove("priority");
            if (priority is not null)
            {
                node["priority"] = priority;
            }
        });

        var ranking = ranker.Rank(alert, terms);

        Assert.Equal(FalcoPriority.Unknown, alert.Priority);
        Assert.Equal(new AlertRanking(12, Severity.Informational), ranking);
        Assert.Equal(("priority", subject, 12), (terms[0].Kind, terms[0].Subject, terms[0].Points));
    }

    [Fact]
    public void Rank_InfoAlias_ScoresAsInformational()
    {
        var alert = FixtureAlerts.Read("terminal-shell", FixtureAlerts.Set("priority", "info"));

        var ranking = DefaultRanker().Rank(alert);

        Assert.Equal(new AlertRanking(15, Severity.Informational), ranking);
    }

    private static Ranker DefaultRanker() => new(TestConfig.Default().Ranking);

    private static Ranker Ranker(string toml) => new(TestConfig.From(toml).Ranking);
}
