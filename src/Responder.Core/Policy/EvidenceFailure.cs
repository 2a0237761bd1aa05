namespace Responder.Core.Policy;

/// <summary>collect-evidence's on_evidence_failure: what becomes of the pod's removal when its evidence is not in the store.</summary>
public enum EvidenceFailure
{
    /// <summary>The removal goes ahead: a live threat outweighs its record (the report and the notification say so).</summary>
    Proceed,

    /// <summary>The removal is skipped (evidence-missing): the pod stays, held by the other actions, until evidence is kept.</summary>
    Hold,
}
