namespace Responder.Core.Containment;

/// <summary>
/// What controls a pod, followed through ownerReferences (a ReplicaSet is reported as its Deployment),
/// with the replica counts a delete must keep healthy.
/// </summary>
/// <param name="Kind">Deployment, ReplicaSet, StatefulSet, DaemonSet, Job...; null for a standalone pod.</param>
/// <param name="Name">The controller's name.</param>
/// <param name="Desired">Desired replicas, when the controller has them.</param>
/// <param name="Ready">Ready replicas, when the controller has them.</param>
public sealed record Owner(string? Kind, string? Name, int? Desired, int? Ready)
{
    public static readonly Owner Standalone = new(null, null, null, null);

    public override string ToString() => Kind is null ? "no controller" : $"{Kind} {Name}";
}
