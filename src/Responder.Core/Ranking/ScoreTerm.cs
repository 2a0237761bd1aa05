using System.Globalization;

namespace Responder.Core.Ranking;

/// <summary>
/// One contribution to a score, made by the ranker while it ranks and carried on the alert's outcome: notifications
/// and <c>explain</c> read the terms of the ranking that was made, never a second one.
/// </summary>
/// <param name="Type">What the term is.</param>
/// <param name="Subject">What matched: the priority, the tag, the rule pattern, the namespace pattern; for the limit, the score before it.</param>
/// <param name="Points">Points added (negative to lower); for a priority or a pin, the score itself (<see cref="IsScore"/>).</param>
/// <param name="Matched">What the subject matched when it says more than the subject: the technique a sub-technique tag counted as,
/// the alert's namespace.</param>
public readonly record struct ScoreTerm(ScoreTermKind Type, string Subject, int Points, string? Matched = null)
{
    /// <summary>The family of the term, as <c>explain</c> prints it: priority, tag, rule, namespace or limit.</summary>
    public string Kind => Type switch
    {
        ScoreTermKind.Priority => "priority",
        ScoreTermKind.Tag => "tag",
        ScoreTermKind.RuleBoost or ScoreTermKind.RulePin or ScoreTermKind.RulePinUnused => "rule",
        ScoreTermKind.Namespace => "namespace",
        _ => "limit",
    };

    /// <summary>True when <see cref="Points"/> is a score (a base score, a pin) rather than points added to one.</summary>
    public bool IsScore => Type is ScoreTermKind.Priority or ScoreTermKind.RulePin or ScoreTermKind.RulePinUnused;

    /// <summary>A short human reading of the term. Made when read: ranking every alert must not format text nobody reads.</summary>
    public string Note => Type switch
    {
        ScoreTermKind.Priority => $"base score of priority {Subject}",
        ScoreTermKind.Tag => Matched is null || Matched == Subject ? $"tag {Subject}" : $"tag {Subject} (as {Matched})",
        ScoreTermKind.RuleBoost => "rule boost",
        ScoreTermKind.RulePin => string.Create(CultureInfo.InvariantCulture, $"rule pinned to {Points}"),
        ScoreTermKind.RulePinUnused => "rule pin (an earlier pin applies)",
        ScoreTermKind.Namespace => $"namespace {Matched}",
        _ => "score kept within 0..100",
    };
}
