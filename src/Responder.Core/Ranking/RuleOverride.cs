using Responder.Core.Matching;

namespace Responder.Core.Ranking;

/// <summary>Pins a rule's score, or adds points to it. <see cref="Rule"/> is exact or a glob.</summary>
public sealed record RuleOverride(GlobPattern Rule, int? Pin, int Boost);
