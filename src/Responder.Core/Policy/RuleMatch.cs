using Responder.Core.Alerts;
using Responder.Core.Matching;
using Responder.Core.Ranking;

namespace Responder.Core.Policy;

/// <summary>
/// When a policy rule applies. Every condition that is set must hold; an empty match matches every alert.
/// The first five are Falco Talon's; the rest are what Talon lacks.
/// </summary>
public sealed record RuleMatch
{
    public static readonly RuleMatch Any = new();

    /// <summary>Falco rule names, exact or glob; empty means any rule.</summary>
    public IReadOnlyList<GlobPattern> Rules { get; init; } = [];

    public PriorityCondition? Priority { get; init; }

    public AnyOf<string> Tags { get; init; } = AnyOf<string>.Always;

    public AnyOf<FieldCondition> OutputFields { get; init; } = AnyOf<FieldCondition>.Always;

    public string? Source { get; init; }

    /// <summary>Namespaces, exact or glob; an alert without a namespace never matches a non-empty list.</summary>
    public IReadOnlyList<GlobPattern> Namespaces { get; init; } = [];

    public Severity? MinSeverity { get; init; }

    public int? MinScore { get; init; }

    /// <summary>Only alerts that name both a namespace and a pod.</summary>
    public bool RequirePod { get; init; }

    /// <summary>True when no condition is set, as in <see cref="Any"/>: the rule applies to every alert.</summary>
    public bool IsAny =>
        Rules.Count == 0 && Priority is null && Tags.IsAlways && OutputFields.IsAlways && Source is null
        && Namespaces.Count == 0 && MinSeverity is null && MinScore is null && !RequirePod;

    public bool Matches(FalcoAlert alert, AlertRanking ranking) =>
        (Rules.Count == 0 || AnyMatches(Rules, alert.Rule))
        && (Priority is null || Priority.Matches(alert.Priority))
        && Tags.Matches(alert, static (tag, a) => HasTag(a, tag))
        && OutputFields.Matches(alert, static (condition, a) => condition.Matches(a.OutputFields))
        && (Source is null || string.Equals(Source, alert.Source, StringComparison.OrdinalIgnoreCase))
        && (Namespaces.Count == 0 || (alert.Target.Namespace is { } ns && AnyMatches(Namespaces, ns)))
        && (MinSeverity is null || ranking.Severity >= MinSeverity)
        && (MinScore is null || ranking.Score >= MinScore)
        && (!RequirePod || alert.Target.HasPod);

    internal static bool AnyMatches(IReadOnlyList<GlobPattern> patterns, string text)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (patterns[i].Matches(text))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasTag(FalcoAlert alert, string tag)
    {
        var tags = alert.Tags;
        for (var i = 0; i < tags.Count; i++)
        {
            if (string.Equals(tags[i], tag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
