using Responder.Core.Config;

namespace Responder.Core.Containment;

/// <summary>
/// Whether a pod may be taken away, judged on its controller as read: pods a controller would put straight back, or
/// that the settings leave alone, stay; and the replicas that must stay ready are counted down as the batch goes.
/// </summary>
internal sealed class RemovalGuard(ContainmentSettings settings)
{
    private readonly Dictionary<Owner, int> _takenAway = [];

    /// <summary>Null when the pod may go (and counts it), else the reason it may not.</summary>
    public string? Refusal(PodFacts pod, Owner owner)
    {
        switch (owner.Kind)
        {
            case "DaemonSet" when settings.SkipDaemonSetPods:
                return $"daemonset-pod: {owner} would put it straight back on the same node";
            case "StatefulSet" when settings.SkipStatefulSetPods:
                return $"statefulset-pod: pods of {owner} are left alone (containment.skip_statefulset_pods)";
            case null when settings.SkipStandalonePods:
                return "standalone-pod: no controller would replace it (containment.skip_standalone_pods)";
        }

        if (settings.MinHealthyReplicas.Value == 0 || owner.Desired is not { } desired || owner.Ready is not { } ready)
        {
            return null;
        }

        var already = _takenAway.GetValueOrDefault(owner);
        var after = ready - already - (pod.Ready ? 1 : 0);
        var required = settings.MinHealthyReplicas.Of(desired);
        if (after < required)
        {
            return $"min-healthy: {owner} would have {Math.Max(0, after)} of {desired} replicas ready (minimum {settings.MinHealthyReplicas})";
        }

        _takenAway[owner] = already + (pod.Ready ? 1 : 0);
        return null;
    }
}
