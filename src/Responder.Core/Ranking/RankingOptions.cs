using Responder.Core.Alerts;

namespace Responder.Core.Ranking;

/// <summary>How scores are made. Built and validated by the configuration loader.</summary>
public sealed record RankingOptions
{
    /// <summary>Base score per Falco priority; <see cref="FalcoPriority.Unknown"/> included.</summary>
    public required IReadOnlyDictionary<FalcoPriority, int> PriorityScores { get; init; }

    /// <summary>Lowest score of each severity above informational.</summary>
    public required SeverityThresholds Thresholds { get; init; }

    /// <summary>Points per tag, case-insensitive; a technique id also matches its sub-techniques (T1611 matches T1611.001).</summary>
    public required IReadOnlyDictionary<string, int> TagBoosts { get; init; }

    public required IReadOnlyList<RuleOverride> RuleOverrides { get; init; }

    /// <summary>Points per namespace pattern; an exact name wins, else the longest matching pattern.</summary>
    public required IReadOnlyList<NamespaceWeight> NamespaceWeights { get; init; }
}
