using Responder.Core.Policy;

namespace Responder.Core.Containment;

/// <summary>
/// One step of a release on one target, as the report shows it (the same fields as an action of the respond report).
/// In Core because two adapters write it: the cluster's release, and the notes release leaves on Security Hub findings.
/// </summary>
/// <param name="Action">One of the constants below.</param>
/// <param name="Target">A node name, "namespace/pod", "namespace/policy", or what a failed search was for.</param>
/// <param name="Status">Planned (dry run), succeeded, skipped (not the responder's, or nothing held) or failed.</param>
/// <param name="Reason">What was held and by whom, or why nothing was done; "code: detail" when skipped or failed.</param>
public sealed record ReleaseOutcome(string Action, string Target, ActionStatus Status, string? Reason)
{
    /// <summary>The Security Hub finding of the alert that held the target, from its <c>falco-responder/finding-id</c> annotation.</summary>
    public string? FindingId { get; init; }

    public const string UncordonNode = "uncordon-node";
    public const string UntaintNode = "untaint-node";
    public const string UnisolatePod = "unisolate-pod";
    public const string DeleteQuarantinePolicy = "delete-quarantine-policy";

    /// <summary>A note on the finding of the alert that held a released target.</summary>
    public const string NoteFinding = "note-finding";

    /// <summary>The search of <c>--all</c>; reported only when it fails.</summary>
    public const string Find = "find";
}
