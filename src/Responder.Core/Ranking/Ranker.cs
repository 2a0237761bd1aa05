using System.Globalization;
using Responder.Core.Alerts;

namespace Responder.Core.Ranking;

/// <summary>
/// Scores an alert: priority base + tag boosts + rule boosts + namespace weight, clamped to 0..100,
/// unless a rule override pins the score. Deterministic: the same alert and options give the same terms.
/// </summary>
public sealed class Ranker(RankingOptions options)
{
    public AlertRanking Rank(FalcoAlert alert, List<ScoreTerm>? terms = null)
    {
        var basePoints = options.PriorityScores.GetValueOrDefault(alert.Priority);
        terms?.Add(new ScoreTerm(ScoreTermKind.Priority, alert.PriorityName, basePoints));
        var score = basePoints + TagPoints(alert.Tags, terms);

        int? pinned = null;
        for (var r = 0; r < options.RuleOverrides.Count; r++)
        {
            var rule = options.RuleOverrides[r];
            if (!rule.Rule.Matches(alert.Rule))
            {
                continue;
            }

            if (rule.Pin is { } pin)
            {
                terms?.Add(new ScoreTerm(pinned is null ? ScoreTermKind.RulePin : ScoreTermKind.RulePinUnused, rule.Rule.Pattern, pin));
                pinned ??= pin;
            }
            else
            {
                score += rule.Boost;
                terms?.Add(new ScoreTerm(ScoreTermKind.RuleBoost, rule.Rule.Pattern, rule.Boost));
            }
        }

        if (alert.Target.Namespace is { } ns && NamespaceWeightFor(ns) is { } weight)
        {
            score += weight.Points;
            terms?.Add(new ScoreTerm(ScoreTermKind.Namespace, weight.Namespace.Pattern, weight.Points, ns));
        }

        var final = pinned ?? Math.Clamp(score, 0, 100);
        if (pinned is null && final != score)
        {
            terms?.Add(new ScoreTerm(ScoreTermKind.Limit, string.Create(CultureInfo.InvariantCulture, $"{score}"), final - score));
        }

        return new AlertRanking(final, options.Thresholds.Classify(final));
    }

    private int TagPoints(IReadOnlyList<string> tags, List<ScoreTerm>? terms)
    {
        // Only the reader's arrays are kept, which nothing changes once read: the same list scores the same.
        if (tags is not string[] { Length: > 0 })
        {
            return ScoreTags(tags, terms);
        }

        if (TagScores.Find(options, tags) is not { } known)
        {
            var scored = new List<ScoreTerm>();
            known = new TagScores.Entry(options, tags, ScoreTags(tags, scored), [.. scored]);
            TagScores.Add(known);
        }

        terms?.AddRange(known.Terms);
        return known.Total;
    }

    private int ScoreTags(IReadOnlyList<string> tags, List<ScoreTerm>? terms)
    {
        var total = 0;
        for (var i = 0; i < tags.Count; i++)
        {
            if (TryBoost(tags[i], out var key, out var points) && !BoostedEarlier(tags, i, key))
            {
                total += points;
                terms?.Add(new ScoreTerm(ScoreTermKind.Tag, tags[i], points, key == tags[i] ? null : key));
            }
        }

        return total;
    }

    // Each configured boost counts once, however many tags (T1611, T1611.001) map to it.
    private bool BoostedEarlier(IReadOnlyList<string> tags, int index, string key)
    {
        for (var j = 0; j < index; j++)
        {
            if (TryBoost(tags[j], out var earlier, out _) && string.Equals(earlier, key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryBoost(string tag, out string key, out int points)
    {
        key = tag;
        if (options.TagBoosts.TryGetValue(tag, out points))
        {
            return true;
        }

        // Sub-technique T1611.001 counts as technique T1611.
        var dot = tag.IndexOf('.');
        if (dot > 1 && (tag[0] is 'T' or 't') && options.TagBoosts.TryGetValue(tag[..dot], out points))
        {
            key = tag[..dot];
            return true;
        }

        return false;
    }

    private NamespaceWeight? NamespaceWeightFor(string ns)
    {
        NamespaceWeight? best = null;
        for (var w = 0; w < options.NamespaceWeights.Count; w++)
        {
            var weight = options.NamespaceWeights[w];
            if (!weight.Namespace.Matches(ns))
            {
                continue;
            }

            if (weight.Namespace.IsExact)
            {
                return weight;
            }

            if (best is null || weight.Namespace.Specificity > best.Namespace.Specificity)
            {
                best = weight;
            }
        }

        return best;
    }
}
