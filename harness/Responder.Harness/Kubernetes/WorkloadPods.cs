namespace Responder.Harness.Kubernetes;

/// <summary>A workload a fixture stored, its ReplicaSet for a Deployment, and its pods in creation order.</summary>
public sealed record WorkloadPods(ObjectSnapshot Workload, ObjectSnapshot? ReplicaSet, IReadOnlyList<PodSnapshot> Pods);
