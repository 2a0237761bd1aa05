namespace Responder.Core.Ranking;

/// <summary>What a score term is. Readers (notifications, <c>explain</c>) branch on this, never on the term's text.</summary>
public enum ScoreTermKind
{
    /// <summary>The base score of the alert's Falco priority.</summary>
    Priority,

    /// <summary>Points for a tag (or the technique of a sub-technique tag).</summary>
    Tag,

    /// <summary>Points a rule override adds to the score.</summary>
    RuleBoost,

    /// <summary>The score a rule override pins; the first matching pin is the score.</summary>
    RulePin,

    /// <summary>A pin that also matched after an earlier one: shown, but the earlier pin applies.</summary>
    RulePinUnused,

    /// <summary>Points for the alert's namespace.</summary>
    Namespace,

    /// <summary>What was taken off or added to keep the score within 0..100.</summary>
    Limit,
}
