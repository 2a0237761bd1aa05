namespace Responder.Core.Config;

/// <summary>How cluster actions are carried out, and the checks made against the live cluster first.</summary>
public sealed record ContainmentSettings
{
    public int Concurrency { get; init; } = 8;

    public bool SkipDaemonSetPods { get; init; } = true;

    public bool SkipStatefulSetPods { get; init; }

    public bool SkipStandalonePods { get; init; }

    public ReplicaMinimum MinHealthyReplicas { get; init; } = new(0, IsPercentage: false);

    /// <summary>Label selectors ("key" or "key=value"); a node matching one is never cordoned or tainted.</summary>
    public IReadOnlyList<string> ProtectedNodeLabels { get; init; } = [];

    /// <summary>The largest share (0..1) of nodes that may be unschedulable after a cordon.</summary>
    public double MaxCordonedShare { get; init; } = 0.3;

    /// <summary>
    /// How far the clocks of Falco's node and the API server may disagree: a pod created later than this after the
    /// alert's time is a namesake, not the pod that fired (when the alert carries no k8s.pod.uid to tell).
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(5);
}
