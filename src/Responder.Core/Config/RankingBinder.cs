using Responder.Core.Alerts;
using Responder.Core.Matching;
using Responder.Core.Ranking;

namespace Responder.Core.Config;

internal static class RankingBinder
{
    public static RankingOptions Bind(TableReader ranking)
    {
        var options = new RankingOptions
        {
            PriorityScores = BindPriorities(ConfigBinder.Section(ranking, "priorities")),
            Thresholds = BindThresholds(ConfigBinder.Section(ranking, "severities")),
            TagBoosts = BindTags(ConfigBinder.Section(ranking, "tags")),
            NamespaceWeights = BindNamespaces(ConfigBinder.Section(ranking, "namespaces")),
            RuleOverrides = [.. ranking.Tables("rules").Select(BindRule).OfType<RuleOverride>()],
        };
        ranking.Finish();
        return options;
    }

    private static Dictionary<FalcoPriority, int> BindPriorities(TableReader table)
    {
        var scores = new Dictionary<FalcoPriority, int>();
        foreach (var (key, value, path) in table.Entries())
        {
            // Only the lowercase long names: "info" or "Critical" would be a second key for one priority.
            var priority = key == "unknown" ? FalcoPriority.Unknown : FalcoPriorities.Parse(key);
            if (!string.Equals(key, priority.ToFalcoName(), StringComparison.OrdinalIgnoreCase) || key.Any(char.IsAsciiLetterUpper))
            {
                table.Errors.Add(path, "not a Falco priority (emergency, alert, critical, error, warning, notice, informational, debug, unknown)");
            }
            else if (Points(table, value, path, 0, 100) is { } points)
            {
                scores[priority] = points;
            }
        }

        return scores;
    }

    private static SeverityThresholds BindThresholds(TableReader table)
    {
        var critical = (int)table.Integer("critical", 80, 1, 100);
        var high = (int)table.Integer("high", 60, 1, 100);
        var medium = (int)table.Integer("medium", 40, 1, 100);
        var low = (int)table.Integer("low", 20, 1, 100);
        if (!(critical > high && high > medium && medium > low))
        {
            table.Errors.Add(table.Path, $"thresholds must be strictly descending: critical ({critical}) > high ({high}) > medium ({medium}) > low ({low})");
        }

        table.Finish();
        return new SeverityThresholds(critical, high, medium, low);
    }

    private static Dictionary<string, int> BindTags(TableReader table)
    {
        var boosts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value, path) in table.Entries())
        {
            if (!boosts.TryAdd(key, Points(table, value, path, -100, 100) ?? 0))
            {
                table.Errors.Add(path, "the same tag appears twice in a different case");
            }
        }

        return boosts;
    }

    private static List<NamespaceWeight> BindNamespaces(TableReader table)
    {
        var weights = new List<NamespaceWeight>();
        foreach (var (key, value, path) in table.Entries())
        {
            if (!Validators.IsNamespacePattern(key))
            {
                table.Errors.Add(path, "not a namespace name or glob (lowercase letters, digits, '-', '*', '?')");
            }
            else if (Points(table, value, path, -100, 100) is { } points)
            {
                weights.Add(new NamespaceWeight(new GlobPattern(key), points));
            }
        }

        return weights;
    }

    private static RuleOverride? BindRule(TableReader table)
    {
        var rule = ConfigBinder.NonEmpty(table.String("rule"));
        var pin = table.OptionalInteger("pin", 0, 100);
        var boost = table.OptionalInteger("boost", -100, 100);
        var hasPin = table.Has("pin");
        var hasBoost = table.Has("boost");
        table.Finish();
        if (rule is null)
        {
            table.Errors.Add(table.PathOf("rule"), "required: a Falco rule name or glob");
        }

        if (hasPin == hasBoost)
        {
            table.Errors.Add(table.Path, "give exactly one of pin or boost");
        }

        return rule is null ? null : new RuleOverride(new GlobPattern(rule), hasPin ? (int?)(pin ?? 0) : null, (int)(boost ?? 0));
    }

    private static int? Points(TableReader table, object? value, string path, int min, int max)
    {
        if (value is long points && points >= min && points <= max)
        {
            return (int)points;
        }

        table.Errors.Add(path, $"expected an integer from {min} to {max}, got {TableReader.Describe(value)}");
        return null;
    }
}
