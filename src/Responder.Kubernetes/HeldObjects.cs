using k8s;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Kubernetes.Actions;

namespace Responder.Kubernetes;

/// <summary>What the cluster shows the responder holds, for <c>release --all</c>, and the searches that failed.</summary>
internal sealed record HeldObjects(IReadOnlyList<V1Node> Nodes, IReadOnlyList<V1Pod> Pods, IReadOnlyList<string> PolicyNamespaces, IReadOnlyList<ReleaseOutcome> Failures)
{
    public static readonly HeldObjects None = new([], [], [], []);

    /// <summary>
    /// Nodes with the responder's cordon annotation or one of its taints (annotations cannot be selected
    /// on, so all nodes are read), pods with a quarantine label in any namespace, and the namespaces
    /// holding a quarantine policy (which may outlive its pods, when they were deleted after isolation).
    /// </summary>
    public static async Task<HeldObjects> FindAsync(IKubernetes client, KubeCalls calls, ReleaseMarks marks, CancellationToken cancellationToken)
    {
        var nodes = SearchAsync<V1Node>("nodes", async t =>
            (await client.CoreV1.ListNodeAsync(cancellationToken: t).ConfigureAwait(false)).Items.Where(n => NodePlan.IsHeld(n, marks)), calls, cancellationToken);
        var pods = marks.QuarantineLabels.Select(label => SearchAsync<V1Pod>("pods", async t =>
            (await client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: ReleaseMarks.Describe(label), cancellationToken: t).ConfigureAwait(false)).Items, calls, cancellationToken)).ToList();
        var policies = SearchAsync<V1NetworkPolicy>("networkpolicies", async t =>
            (await client.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync(labelSelector: $"{Evidence.Flagged}=true", cancellationToken: t).ConfigureAwait(false)).Items
                .Where(p => QuarantinePolicies.IsResponderName(p.Metadata.Name)), calls, cancellationToken);
        await Task.WhenAll(pods.Append<Task>(nodes).Append(policies)).ConfigureAwait(false);

        var failures = new List<ReleaseOutcome>();
        foreach (var failure in pods.Select(p => p.Result.Failure).Prepend(nodes.Result.Failure).Append(policies.Result.Failure).OfType<ReleaseOutcome>())
        {
            // One line per kind searched, however many label selectors were tried for it.
            if (!failures.Any(f => f.Target == failure.Target))
            {
                failures.Add(failure);
            }
        }

        return new HeldObjects(
            [.. nodes.Result.Items.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)],
            [.. pods.SelectMany(p => p.Result.Items).DistinctBy(Key).OrderBy(Key, StringComparer.Ordinal)],
            [.. policies.Result.Items.Select(p => p.Metadata.NamespaceProperty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            failures);
    }

    private static string Key(V1Pod pod) => $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";

    private static async Task<(IReadOnlyList<T> Items, ReleaseOutcome? Failure)> SearchAsync<T>(
        string what, Func<CancellationToken, Task<IEnumerable<T>>> list, KubeCalls calls, CancellationToken cancellationToken)
    {
        try
        {
            return ([.. await calls.RunAsync(list, cancellationToken).ConfigureAwait(false)], null);
        }
        catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
        {
            return ([], new ReleaseOutcome(ReleaseOutcome.Find, what, ActionStatus.Failed, ReleaseErrors.Reason(ex, what, cancellationToken)));
        }
    }
}
