namespace Responder.Core.Policy;

/// <summary>The blast-radius limit an action counts towards ([state] max_deletes, max_cordons, max_snapshots).</summary>
public enum LimitBucket
{
    None,

    /// <summary>delete-pod and evict-pod, each pod once.</summary>
    Deletes,

    /// <summary>cordon-node and taint-node, each node once.</summary>
    Cordons,

    /// <summary>snapshot-node, each node once: every snapshot is EBS storage paid for until someone deletes it.</summary>
    Snapshots,
}
