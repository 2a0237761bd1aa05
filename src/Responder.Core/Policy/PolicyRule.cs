namespace Responder.Core.Policy;

/// <summary>
/// One policy rule. Rules are tried in order; every matching rule adds its actions (an action already
/// added by an earlier rule keeps the earlier parameters) until a matching rule has <see cref="Continue"/> false.
/// </summary>
public sealed record PolicyRule(string Name, RuleMatch Match, IReadOnlyList<ActionSpec> Actions)
{
    public bool Continue { get; init; } = true;

    /// <summary>Hold this rule's cluster actions back even when the global dry run is off.</summary>
    public bool DryRun { get; init; }
}
