namespace Responder.Core.Policy;

/// <summary>What the responder can do. The order is the order of execution for one alert:
/// evidence first, then containment of the pod's network, the node, the pod; the notification last so it can report the rest.</summary>
public enum ActionKind
{
    LabelPod,
    IsolatePod,
    CordonNode,
    TaintNode,
    EvictPod,
    DeletePod,
    Notify,

    /// <summary>The alert as a Security Hub finding: not a policy action, added beside every notify when [securityhub] is enabled.</summary>
    RecordFinding,
}
