namespace Responder.Core.Containment;

/// <summary>
/// The cluster, as containment uses it: read first, then write. Every guardrail is judged in Core on what
/// <see cref="ReadAsync"/> and <see cref="OwnersAsync"/> return, never on what an alert claims; the port writes only
/// the actions handed to <see cref="ExecuteAsync"/>, each conditioned on the object as read. A port may be asked for
/// a batch's reads and stages one after the other; batches come one at a time.
/// </summary>
public interface IClusterActions
{
    /// <summary>
    /// Reads what the actions are about: each pod they name (by namespace and name, never searched for) and, when one
    /// of them is a node action, every node. Never throws for the cluster's answers: a failed read is in the snapshot.
    /// </summary>
    Task<ClusterSnapshot> ReadAsync(IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken);

    /// <summary>The controller of each pod (by "namespace/name"), each controller read once.</summary>
    Task<IReadOnlyDictionary<string, Lookup<Owner>>> OwnersAsync(IReadOnlyList<PodFacts> pods, CancellationToken cancellationToken);

    /// <summary>
    /// Carries out the actions of one stage, one per target, and completes each with its result. Actions on the same
    /// node run one after the other; the rest side by side within the port's concurrency bound.
    /// </summary>
    Task ExecuteAsync(IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken);
}
