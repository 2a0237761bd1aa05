namespace Responder.Core.Ranking;

/// <summary>One contribution to a score, for <c>explain</c> and notifications.</summary>
/// <param name="Kind">priority, tag, rule, namespace, or limit.</param>
/// <param name="Subject">What matched: the priority, the tag, the rule pattern, the namespace pattern.</param>
/// <param name="Points">Points added (negative to lower); for a pin, the pinned score.</param>
/// <param name="Note">A short human reading of the term.</param>
public sealed record ScoreTerm(string Kind, string Subject, int Points, string Note);
