using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Policy;

namespace Responder.Kubernetes;

/// <summary>
/// Removes a namespace's quarantine NetworkPolicy once no pod there is quarantined any more: it is one
/// policy for all the namespace's quarantined pods, so releasing one pod must not free the others.
/// </summary>
internal sealed class QuarantinePolicyRelease(IKubernetes client, KubeCalls calls, ReleaseMarks marks)
{
    /// <param name="ns">The namespace.</param>
    /// <param name="releasing">In a dry run, the pods of the namespace whose quarantine labels would be removed.</param>
    /// <param name="dryRun">Read and report only.</param>
    /// <param name="cancellationToken">The run's cancellation.</param>
    /// <returns>The report line, or null when the namespace has no quarantine policy.</returns>
    public async Task<ReleaseOutcome?> ReleaseAsync(string ns, IReadOnlySet<string> releasing, bool dryRun, CancellationToken cancellationToken)
    {
        var what = $"NetworkPolicy {ns}/{PodActions.QuarantinePolicy}";
        V1NetworkPolicy policy;
        try
        {
            policy = await calls.RunAsync(t => client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(PodActions.QuarantinePolicy, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
        {
            return Outcome(ns, ActionStatus.Failed, ReleaseErrors.Reason(ex, what, cancellationToken));
        }

        var selects = policy.Spec?.PodSelector?.MatchLabels;
        if (policy.Metadata.Labels?.TryGetValue(Evidence.Flagged, out var flagged) != true || flagged != "true"
            || selects is not { Count: > 0 } || policy.Spec!.PodSelector.MatchExpressions is { Count: > 0 })
        {
            return Outcome(ns, ActionStatus.Skipped, $"not-responder: the policy lacks the label {Evidence.Flagged}=true or selects pods otherwise than by label");
        }

        try
        {
            var quarantined = await QuarantinedAsync(ns, selects, dryRun ? releasing : new HashSet<string>(), cancellationToken).ConfigureAwait(false);
            if (quarantined.Count > 0)
            {
                return Outcome(ns, ActionStatus.Skipped, $"in-use: {quarantined.Count} pod(s) still quarantined: {Names(quarantined)}");
            }

            const string Free = "no pod of the namespace is quarantined any more";
            if (dryRun)
            {
                return Outcome(ns, ActionStatus.Planned, Free);
            }

            if (!await DeleteAsync(policy, cancellationToken).ConfigureAwait(false))
            {
                return Outcome(ns, ActionStatus.Skipped, "in-use: the policy was replaced while it was being removed");
            }

            // The responder may have quarantined a pod here between the check and the delete (it labels the pod,
            // then finds the policy in place): such a pod must not be left open, so the policy goes back.
            quarantined = await QuarantinedAsync(ns, selects, new HashSet<string>(), cancellationToken).ConfigureAwait(false);
            if (quarantined.Count == 0)
            {
                return Outcome(ns, ActionStatus.Succeeded, Free);
            }

            await calls.RunAsync(t => client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Copy(policy), ns, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
            return Outcome(ns, ActionStatus.Skipped, $"in-use: {Names(quarantined)} quarantined meanwhile; the policy is back in place");
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.Conflict)
        {
            // Only the re-creation gets here: the policy is in place again, made by the responder meanwhile.
            return Outcome(ns, ActionStatus.Skipped, "in-use: a pod was quarantined meanwhile; the policy is back in place");
        }
        catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
        {
            return Outcome(ns, ActionStatus.Failed, ReleaseErrors.Reason(ex, what, cancellationToken));
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

    private static string Names(List<string> pods) => pods.Count <= 3 ? string.Join(", ", pods) : $"{string.Join(", ", pods.Take(3))} and {pods.Count - 3} more";

    private static ReleaseOutcome Outcome(string ns, ActionStatus status, string reason) =>
        new(ReleaseOutcome.DeleteQuarantinePolicy, $"{ns}/{PodActions.QuarantinePolicy}", status, reason);
}
