namespace Responder.Harness.Kubernetes;

/// <summary>A PodDisruptionBudget that refuses evictions of one pod, or of the pods carrying one label.</summary>
internal sealed record EvictionRefusal(string Namespace, string? PodName, string? LabelKey, string? LabelValue, string Budget)
{
    public bool Covers(PodSnapshot pod) =>
        pod.Namespace == Namespace
        && (PodName is null || pod.Name == PodName)
        && (LabelKey is null || (pod.Labels.TryGetValue(LabelKey, out var value) && value == LabelValue));
}
