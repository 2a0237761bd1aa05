namespace Responder.Core.Policy;

/// <summary>
/// When an action runs among the actions of a batch. Every target is read before any stage; each stage runs across
/// the whole batch at once, so a batch costs one round trip of latency per stage plus its calls over the concurrency.
/// </summary>
public enum ActionStage
{
    /// <summary>What keeps the evidence and holds the workload in place: labels, isolation, cordons, taints.</summary>
    Hold = 1,

    /// <summary>What copies the evidence out of the cluster (pod logs and manifest, the node's disks) before a removal destroys it.</summary>
    Evidence = 2,

    /// <summary>What takes the pod away, once the holds are in place and the evidence is out: evictions and deletions.</summary>
    Removal = 3,

    /// <summary>The notification, last, so it can report the rest.</summary>
    Notify = 4,
}
