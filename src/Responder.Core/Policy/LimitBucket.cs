namespace Responder.Core.Policy;

/// <summary>The blast-radius limit an action counts towards ([state] max_deletes, max_cordons).</summary>
public enum LimitBucket
{
    None,

    /// <summary>delete-pod and evict-pod, each pod once.</summary>
    Deletes,

    /// <summary>cordon-node and taint-node, each node once.</summary>
    Cordons,
}
