namespace Responder.Core.Policy;

/// <summary>What the responder can do. The order is the order of execution for one alert: the holds (the evidence labels,
/// then containment of the pod's network and the node), then the evidence copied out of the cluster, then the pod taken
/// away; the notification last so it can report the rest.</summary>
public enum ActionKind
{
    LabelPod,
    IsolatePod,
    CordonNode,
    TaintNode,
    CollectEvidence,
    SnapshotNode,
    EvictPod,
    DeletePod,
    Notify,

    /// <summary>The alert as a Security Hub finding: not a policy action, added beside every notify when [securityhub] is enabled.</summary>
    RecordFinding,
}
