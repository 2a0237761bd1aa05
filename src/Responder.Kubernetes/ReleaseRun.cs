using k8s;
using Responder.Core.Containment;
using Responder.Core.Policy;

namespace Responder.Kubernetes;

/// <summary>
/// One release: the named targets and, with <c>--all</c>, everything found held. Nodes and pods are
/// released side by side within the concurrency bound; the quarantine policies come last, since whether
/// one may go depends on the pods of its namespace. Report order: failed searches, nodes, pods, policies.
/// </summary>
internal sealed class ReleaseRun(IKubernetes client, KubeCalls calls, ReleaseMarks marks)
{
    private readonly NodeRelease _nodes = new(client, calls, marks);
    private readonly PodRelease _pods = new(client, calls, marks);
    private readonly QuarantinePolicyRelease _policies = new(client, calls, marks);

    public async Task<IReadOnlyList<ReleaseOutcome>> ExecuteAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        var held = request.All ? await HeldObjects.FindAsync(client, calls, marks, cancellationToken).ConfigureAwait(false) : HeldObjects.None;

        var nodeNames = request.Nodes.Distinct(StringComparer.Ordinal).ToList();
        var nodes = nodeNames.Select(n => _nodes.ReleaseAsync(n, request.Force, request.DryRun, cancellationToken))
            .Concat(held.Nodes.Where(n => !nodeNames.Contains(n.Metadata.Name)).Select(n => _nodes.ReleaseAsync(n, request.Force, request.DryRun, cancellationToken)))
            .ToList();

        var podNames = request.Pods.Distinct().ToList();
        var pods = podNames.Select(p => (Name: p, Outcome: _pods.ReleaseAsync(p, request.DryRun, cancellationToken)))
            .Concat(held.Pods
                .Select(p => (Pod: p, Name: new PodName(p.Metadata.NamespaceProperty, p.Metadata.Name)))
                .Where(p => !podNames.Contains(p.Name))
                .Select(p => (p.Name, Outcome: _pods.ReleaseAsync(p.Pod, request.DryRun, cancellationToken))))
            .ToList();

        var nodeOutcomes = await Task.WhenAll(nodes).ConfigureAwait(false);
        var podOutcomes = await Task.WhenAll(pods.Select(p => p.Outcome)).ConfigureAwait(false);

        // In a dry run nothing changes, so the policy check is told which pods would have lost their quarantine label.
        var releasing = pods.Zip(podOutcomes).Where(p => p.Second.Status == ActionStatus.Planned)
            .GroupBy(p => p.First.Name.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(p => p.First.Name.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var namespaces = pods.Select(p => p.Name.Namespace).Concat(held.PolicyNamespaces).Distinct(StringComparer.Ordinal).ToList();
        var policyOutcomes = await Task.WhenAll(namespaces.Select(ns =>
            _policies.ReleaseAsync(ns, releasing.GetValueOrDefault(ns) ?? new HashSet<string>(), request.DryRun, cancellationToken))).ConfigureAwait(false);

        return [.. held.Failures, .. nodeOutcomes.SelectMany(o => o), .. podOutcomes, .. policyOutcomes.SelectMany(o => o)];
    }

    /// <summary>Every target failed with the same reason: the cluster could not be reached at all.</summary>
    public static IReadOnlyList<ReleaseOutcome> Unreachable(ReleaseRequest request, string reason) =>
    [
        .. request.All ? [new ReleaseOutcome(ReleaseOutcome.Find, "cluster", ActionStatus.Failed, reason)] : Array.Empty<ReleaseOutcome>(),
        .. request.Nodes.Distinct(StringComparer.Ordinal).SelectMany(n => NodePlan.Failed(n, reason)),
        .. request.Pods.Distinct().Select(p => PodRelease.Outcome(p, ActionStatus.Failed, reason)),
    ];
}
