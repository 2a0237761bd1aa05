namespace Responder.Harness;

/// <summary>
/// The configuration the evidence tests share: a bucket, and one rule that labels, collects evidence and deletes
/// critical alerts' pods, with the given on_evidence_failure.
/// </summary>
public static class EvidencePolicy
{
    public const string Bucket = "[evidence]\nbucket = \"falco-evidence\"\n";

    /// <param name="onFailure">hold or proceed.</param>
    /// <param name="notify">Whether the rule also notifies.</param>
    public static string Contain(string onFailure = "hold", bool notify = false) => Bucket + $"""
        [[policy.rules]]
        name = "contain"
        [policy.rules.match]
        min_severity = "critical"
        [[policy.rules.actions]]
        action = "label-pod"
        [[policy.rules.actions]]
        action = "collect-evidence"
        on_evidence_failure = "{onFailure}"
        [[policy.rules.actions]]
        action = "delete-pod"

        """ + (notify ? "[[policy.rules.actions]]\naction = \"notify\"\n" : string.Empty);
}
