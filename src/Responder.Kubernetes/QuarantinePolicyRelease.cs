using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Kubernetes.Actions;

namespace Responder.Kubernetes;

/// <summary>
/// Removes a namespace's quarantine NetworkPolicies once no pod there is quarantined by them any more: each is one
/// policy for all the namespace's pods with its quarantine labels, so releasing one pod must not free the others.
/// </summary>
internal sealed class QuarantinePolicyRelease(IKubernetes client, KubeCalls calls, ReleaseMarks marks)
{
    /// <param name="ns">The namespace.</param>
    /// <param name="releasing">In a dry run, the pods of the namespace whose quarantine labels would be removed.</param>
    /// <param name="dryRun">Read and report only.</param>
    /// <param name="cancellationToken">The run's cancellation.</param>
    /// <returns>A report line for each of the responder's quarantine policies in the namespace (one per quarantine label set).</returns>
    public async Task<IReadOnlyList<ReleaseOutcome>> ReleaseAsync(string ns, IReadOnlySet<string> releasing, bool dryRun, CancellationToken cancellationToken)
    {
        // All of the namespace's policies, not only those with the responder's label: one of the responder's names
        // without it is reported as not the responder's rather than passed over in silence.
        IReadOnlyList<V1NetworkPolicy> policies;
        try
        {
            policies = (await calls.RunAsync(t => client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns, cancellationToken: t), cancellationToken).ConfigureAwait(false)).Items
                .Where(p => QuarantinePolicies.IsResponderName(p.Metadata.Name)).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
        {
            return [new(ReleaseOutcome.DeleteQuarantinePolicy, $"{ns}/{QuarantinePolicies.NamePrefix}*", ActionStatus.Failed, ReleaseErrors.Reason(ex, $"the NetworkPolicies of namespace {ns}", cancellationToken))];
        }

        return await Task.WhenAll(policies.Select(p => ReleaseAsync(p, releasing, dryRun, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<ReleaseOutcome> ReleaseAsync(V1NetworkPolicy policy, IReadOnlySet<string> releasing, bool dryRun, CancellationToken cancellationToken)
    {
        var ns = policy.Metadata.NamespaceProperty;
        var what = $"NetworkPolicy {ns}/{policy.Metadata.Name}";
        var selects = policy.Spec?.PodSelector?.MatchLabels;
        if (policy.Metadata.Labels?.TryGetValue(Evidence.Flagged, out var flagged) != true || flagged != "true"
            || selects is not { Count: > 0 } || policy.Spec!.PodSelector.MatchExpressions is { Count: > 0 })
        {
            return Outcome(policy, ActionStatus.Skipped, $"not-responder: the policy lacks the label {Evidence.Flagged}=true or selects pods otherwise than by label");
        }

        try
        {
            var quarantined = await QuarantinedAsync(ns, selects, dryRun ? releasing : new HashSet<string>(), cancellationToken).ConfigureAwait(false);
            if (quarantined.Count > 0)
            {
                return Outcome(policy, ActionStatus.Skipped, $"in-use: {quarantined.Count} pod(s) still quarantined: {Names(quarantined)}");
            }

            const string Free = "no pod of the namespace is quarantined any more";
            if (dryRun)
            {
                return Outcome(policy, ActionStatus.Planned, Free);
            }

            if (!await DeleteAsync(policy, cancellationToken).ConfigureAwait(false))
            {
                return Outcome(policy, ActionStatus.Skipped, "in-use: the policy was replaced while it was being removed");
            }

            // The responder may have quarantined a pod here between the check and the delete (it labels the pod,
            // then finds the policy in place): such a pod must not be left open, so the policy goes back.
            quarantined = await QuarantinedAsync(ns, selects, new HashSet<string>(), cancellationToken).ConfigureAwait(false);
            if (quarantined.Count == 0)
            {
                return Outcome(policy, ActionStatus.Succeeded, Free);
            }

            await calls.RunAsync(t => client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Copy(policy), ns, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
            return Outcome(policy, ActionStatus.Skipped, $"in-use: {Names(quarantined)} quarantined meanwhile; the policy is back in place");
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.Conflict)
        {
            // Only the re-creation gets here: the policy is in place again, made by the responder meanwhile.
            return Outcome(policy, ActionStatus.Skipped, "in-use: a pod was quarantined meanwhile; the policy is back in place");
        }
        catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
        {
            return Outcome(policy, ActionStatus.Failed, ReleaseErrors.Reason(ex, what, cancellationToken));
        }
    }

    /// <summary>The pods the policy still selects; in a dry run, as they would be once <paramref name="releasing"/> are released.</summary>
    private async Task<List<string>> QuarantinedAsync(string ns, IDictionary<string, string> selects, IReadOnlySet<string> releasing, CancellationToken cancellationToken)
    {
        var selector = string.Join(",", selects.Select(s => $"{s.Key}={s.Value}"));
        var pods = await calls.RunAsync(t => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: t), cancellationToken).ConfigureAwait(false);
        return
        [
            .. pods.Items
                .Where(p => !releasing.Contains(p.Metadata.Name) || StillSelected(p.Metadata.Labels, selects))
                .Select(p => p.Metadata.Name)
                .Order(StringComparer.Ordinal),
        ];
    }

    private bool StillSelected(IDictionary<string, string> labels, IDictionary<string, string> selects)
    {
        var removed = marks.QuarantineIn(labels);
        return selects.All(s => !removed.Contains((s.Key, s.Value)) && labels.TryGetValue(s.Key, out var value) && value == s.Value);
    }

    /// <summary>False when the policy was replaced by another of the same name since it was read.</summary>
    private async Task<bool> DeleteAsync(V1NetworkPolicy policy, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = policy.Metadata.Uid } };
        try
        {
            await calls.RunAsync(t => client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(policy.Metadata.Name, policy.Metadata.NamespaceProperty, options, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return KubeCalls.Status(ex) == HttpStatusCode.NotFound;
        }
    }

    private static V1NetworkPolicy Copy(V1NetworkPolicy policy) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta
        {
            Name = policy.Metadata.Name,
            NamespaceProperty = policy.Metadata.NamespaceProperty,
            Labels = policy.Metadata.Labels,
            Annotations = policy.Metadata.Annotations,
        },
        Spec = policy.Spec,
    };

    private static ReleaseOutcome Outcome(V1NetworkPolicy policy, ActionStatus status, string reason) =>
        new(ReleaseOutcome.DeleteQuarantinePolicy, $"{policy.Metadata.NamespaceProperty}/{policy.Metadata.Name}", status, reason);

    private static string Names(List<string> pods) => pods.Count <= 3 ? string.Join(", ", pods) : $"{string.Join(", ", pods.Take(3))} and {pods.Count - 3} more";

}
