using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes;

/// <summary>The pod actions: evidence label, isolation, eviction, deletion, each after its own checks.</summary>
internal sealed class PodActions(IKubernetes client, KubeCalls calls, ContainmentSettings settings)
{
    public const string QuarantinePolicy = "falco-responder-quarantine";

    private static readonly PortResult GoneSkipped = new(ActionStatus.Skipped, "gone: the pod no longer exists");
    private static readonly PortResult GoneDone = new(ActionStatus.Succeeded, "gone: the pod no longer exists");

    /// <summary>
    /// Labels the pod as evidence. The API server answers with the pod as it is now, which serves as the
    /// read of the pod (null when the label could not be written for another reason than the pod being gone).
    /// </summary>
    public async Task<(PortResult Result, PodState? State)> LabelAsync(string ns, string name, AlertOutcome outcome, ActionSpec spec, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(Evidence.LabelPatch(outcome, spec.Labels), V1Patch.PatchType.MergePatch);
        var (result, pod) = await PatchAsync(ns, name, patch, cancellationToken).ConfigureAwait(false);
        return (result, pod is not null ? new PodState(pod, null) : result == GoneSkipped ? new PodState(null, null) : null);
    }

    /// <summary>Puts the quarantine label on the pod, then makes sure the namespace's deny-all policy exists.</summary>
    public async Task<PortResult> IsolateAsync(string ns, string name, ActionSpec spec, Func<string, Task<PortResult>> policy, CancellationToken cancellationToken)
    {
        var labels = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in spec.Labels)
        {
            labels[key] = value;
        }

        var patch = new V1Patch(new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["labels"] = labels } }.ToJsonString(), V1Patch.PatchType.MergePatch);
        var (labelled, _) = await PatchAsync(ns, name, patch, cancellationToken).ConfigureAwait(false);
        return labelled.Status != ActionStatus.Succeeded ? labelled : await policy(ns).ConfigureAwait(false);
    }

    /// <summary>The deny-all NetworkPolicy that selects quarantined pods; one per namespace, created once.</summary>
    public async Task<PortResult> QuarantinePolicyAsync(string ns, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var policy = new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = QuarantinePolicy, NamespaceProperty = ns, Labels = new Dictionary<string, string> { [Evidence.Flagged] = "true" } },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = labels.ToDictionary() },
                PolicyTypes = ["Ingress", "Egress"],
                Ingress = [],
                Egress = [],
            },
        };
        try
        {
            await calls.RunAsync(t => client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(policy, ns, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.Conflict)
        {
            return new PortResult(ActionStatus.Succeeded, $"isolated: NetworkPolicy {QuarantinePolicy} was already in place");
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }

    /// <summary>
    /// Null when the pod may go (checked against its controller and the replicas that must stay ready),
    /// else the reason it may not. Healthy replicas are counted down as this batch takes pods away.
    /// </summary>
    public string? Refusal(PodState state, Owner owner, Dictionary<Owner, int> takenAway)
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

        var already = takenAway.GetValueOrDefault(owner);
        var after = ready - already - (state.Ready ? 1 : 0);
        var required = settings.MinHealthyReplicas.Of(desired);
        if (after < required)
        {
            return $"min-healthy: {owner} would have {Math.Max(0, after)} of {desired} replicas ready (minimum {settings.MinHealthyReplicas})";
        }

        takenAway[owner] = already + (state.Ready ? 1 : 0);
        return null;
    }

    public async Task<PortResult> DeleteAsync(PodState state, ActionSpec spec, CancellationToken cancellationToken)
    {
        if (Unusable(state, GoneDone) is { } result)
        {
            return result;
        }

        var pod = state.Pod!;
        var options = new V1DeleteOptions
        {
            GracePeriodSeconds = spec.GracePeriodSeconds,
            // The pod that fired, not a namesake created since (a StatefulSet reuses names).
            Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid },
        };
        try
        {
            await calls.RunAsync(t => client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty, options, gracePeriodSeconds: spec.GracePeriodSeconds, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return KubeCalls.Status(ex) == HttpStatusCode.NotFound
                ? GoneDone
                : new PortResult(ActionStatus.Succeeded, "gone: the pod was replaced by a new one of the same name");
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }

    public async Task<PortResult> EvictAsync(PodState state, ActionSpec spec, CancellationToken cancellationToken)
    {
        if (Unusable(state, GoneDone) is { } result)
        {
            return result;
        }

        var pod = state.Pod!;
        var eviction = new V1Eviction
        {
            ApiVersion = "policy/v1",
            Kind = "Eviction",
            Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = pod.Metadata.NamespaceProperty },
            DeleteOptions = new V1DeleteOptions { GracePeriodSeconds = spec.GracePeriodSeconds, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } },
        };
        try
        {
            await calls.RunAsync(t => client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: t), cancellationToken, retryConflicts: false, retryThrottling: false).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return GoneDone;
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.TooManyRequests)
        {
            // 429 on an eviction is a PodDisruptionBudget saying no.
            if (spec.OnPdbRefusal == PdbRefusal.Skip)
            {
                return new PortResult(ActionStatus.Skipped, $"pdb-refused: {KubeCalls.Message(ex)}");
            }

            var deleted = await DeleteAsync(state, spec, cancellationToken).ConfigureAwait(false);
            return deleted.Status == ActionStatus.Succeeded
                ? deleted with { Reason = "deleted: a PodDisruptionBudget refused the eviction (on_pdb_refusal = delete)" }
                : deleted;
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }

    private async Task<(PortResult Result, V1Pod? Pod)> PatchAsync(string ns, string name, V1Patch patch, CancellationToken cancellationToken)
    {
        try
        {
            var pod = await calls.RunAsync(t => client.CoreV1.PatchNamespacedPodAsync(patch, name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return (new PortResult(ActionStatus.Succeeded, null), pod);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return (GoneSkipped, null);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
        {
            return (KubeCalls.Failure(ex, cancellationToken), null);
        }
    }

    private static PortResult? Unusable(PodState state, PortResult whenGone) => state.Failure ?? (state.Gone ? whenGone : null);
}
