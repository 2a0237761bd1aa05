namespace Responder.Core.Policy;

/// <summary>
/// An action decided for one alert, and what became of it. <see cref="Reason"/> explains a skip or
/// a failure, and says why a planned action was not carried out (dry run).
/// </summary>
/// <param name="Spec">The action and its parameters.</param>
/// <param name="PolicyRule">The policy rule that asked for it.</param>
/// <param name="Target">namespace/pod, the node, or the topic; null when the alert does not name one.</param>
/// <param name="Status">planned, succeeded, skipped or failed.</param>
/// <param name="Reason">"code: detail" for a skip or failure; why a planned action waits.</param>
public sealed record PlannedAction(ActionSpec Spec, string PolicyRule, string? Target, ActionStatus Status, string? Reason)
{
    public ActionKind Kind => Spec.Kind;

    /// <summary>True when dry run (global or the rule's) holds this cluster action back.</summary>
    public bool HeldByDryRun { get; init; }

    /// <summary>A failure that retrying may fix; the Lambda host fails the invocation so Lambda retries it.</summary>
    public bool Retryable { get; init; }

    /// <summary>True once a port has handled the action (its status is then the outcome of acting).</summary>
    public bool Executed { get; init; }

    /// <summary>True when the action still has to be carried out by a port.</summary>
    public bool IsPending => Status == ActionStatus.Planned && !HeldByDryRun;
}
