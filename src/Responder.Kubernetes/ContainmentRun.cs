using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes;

/// <summary>
/// The cluster actions of one batch. Each target is acted on once, however many alerts ask. The stages
/// run in the order of DESIGN, each across all targets at once within the concurrency bound: evidence
/// labels and isolation (with the node list and the reads of pods that get no label), then cordons
/// and taints (with the lookups of the pods' controllers), then evictions and deletions. One critical
/// alert costs three round trips: label and node list, cordon and controller, delete.
/// </summary>
internal sealed class ContainmentRun(IKubernetes client, ContainmentSettings settings, KubeCalls calls, TimeProvider time)
{
    private readonly PodActions _pods = new(client, calls, settings);
    private readonly NodeActions _nodes = new(client, calls, time);
    private readonly Owners _owners = new(client, calls);

    public async Task<IReadOnlyList<PortResult>> ExecuteAsync(IReadOnlyList<ClusterActionRequest> requests, CancellationToken cancellationToken)
    {
        var needNodes = requests.Any(r => r.Action.Kind.IsNodeAction());
        var nodesRead = needNodes ? ListNodesAsync(cancellationToken) : Task.FromResult(new NodeList([], null));
        var results = new Dictionary<string, Task<PortResult>>(StringComparer.Ordinal);

        // Stage 1: evidence and isolation. The API server answers a label with the pod as it is now, so
        // that answer is the read of the pod: only pods that get no label are read on their own.
        var labels = new Dictionary<string, Task<(PortResult Result, PodState? State)>>(StringComparer.Ordinal);
        var policies = new Dictionary<string, Task<PortResult>>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            if (PodKey(request) is not { } podKey || results.ContainsKey(Key(request)))
            {
                continue;
            }

            var (ns, name) = Split(podKey);
            if (request.Action.Kind == ActionKind.LabelPod)
            {
                var labelled = labels[podKey] = _pods.LabelAsync(ns, name, request.Outcome, request.Action.Spec, cancellationToken);
                results[Key(request)] = ResultOf(labelled);
            }
            else if (request.Action.Kind == ActionKind.IsolatePod)
            {
                var spec = request.Action.Spec;
                results[Key(request)] = _pods.IsolateAsync(ns, name, spec, n => Policy(policies, n, spec, cancellationToken), cancellationToken);
            }
        }

        var podKeys = requests.Select(PodKey).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var reads = podKeys.Select(k => labels.TryGetValue(k, out var labelled) ? StateAfterAsync(k, labelled, cancellationToken) : ReadPodAsync(k, cancellationToken)).ToList();
        var podStates = podKeys.Zip(await Task.WhenAll(reads).ConfigureAwait(false)).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        await Task.WhenAll(results.Values).ConfigureAwait(false);
        var keys = requests.Select(r => Key(r, NodeOf(r, podStates))).ToList();

        // The controllers of the pods to be removed are looked up while the nodes are dealt with.
        var owners = requests.Where(r => r.Action.Kind is ActionKind.DeletePod or ActionKind.EvictPod)
            .Select(r => PodKey(r)!).Distinct()
            .Where(k => podStates[k].Pod is not null)
            .ToDictionary(k => k, k => OwnerAsync(podStates[k].Pod!, cancellationToken));
        var nodes = await nodesRead.ConfigureAwait(false);

        // Stage 2: nodes, after the evidence is on the pods and before they are taken away.
        if (needNodes)
        {
            await RunNodeStageAsync(requests, keys, podStates, nodes, results, cancellationToken).ConfigureAwait(false);
        }

        // Stage 3: evictions and deletions, healthy replicas counted down as the batch goes.
        var takenAway = new Dictionary<Owner, int>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var key = keys[i];
            if (request.Action.Kind is not (ActionKind.DeletePod or ActionKind.EvictPod) || results.ContainsKey(key))
            {
                continue;
            }

            var podKey = PodKey(request)!;
            var state = podStates[podKey];
            var owner = owners.TryGetValue(podKey, out var lookup) ? await lookup.ConfigureAwait(false) : (Owner: Owner.Standalone, Failure: (PortResult?)null);
            results[key] = owner.Failure is { } failure ? Task.FromResult(failure)
                : state.Pod is not null && _pods.Refusal(state, owner.Owner, takenAway) is { } refusal ? Task.FromResult(new PortResult(ActionStatus.Skipped, refusal))
                : request.Action.Kind == ActionKind.DeletePod ? _pods.DeleteAsync(state, request.Action.Spec, cancellationToken)
                : _pods.EvictAsync(state, request.Action.Spec, cancellationToken);
        }

        await Task.WhenAll(results.Values).ConfigureAwait(false);
        return [.. requests.Select((r, i) => WithNode(r, results[keys[i]].Result, podStates))];
    }

    private async Task RunNodeStageAsync(
        IReadOnlyList<ClusterActionRequest> requests, List<string> keys, Dictionary<string, PodState> podStates, NodeList nodeList,
        Dictionary<string, Task<PortResult>> results, CancellationToken cancellationToken)
    {
        var nodes = nodeList.Nodes;
        var limits = new NodeLimits(nodes, settings);
        var perNode = new Dictionary<string, List<Func<Task>>>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var key = keys[i];
            if (!request.Action.Kind.IsNodeAction() || results.ContainsKey(key))
            {
                continue;
            }

            if (nodeList.Failure is { } failure)
            {
                results[key] = Task.FromResult(failure);
                continue;
            }

            var node = NodeOf(request, podStates);
            var refusal = node is null ? "no-node: the alert names no node and its pod is gone" : limits.Refusal(node);
            if (refusal is null && request.Action.Kind == ActionKind.CordonNode && nodes[node!].Spec?.Unschedulable != true)
            {
                refusal = limits.ReserveCordon(node!);
            }

            if (refusal is not null)
            {
                results[key] = Task.FromResult(new PortResult(ActionStatus.Skipped, refusal));
                continue;
            }

            // Cordon then taint on one node, one after the other: both write the node.
            var completion = new TaskCompletionSource<PortResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            results[key] = completion.Task;
            var action = request;
            (perNode.TryGetValue(node!, out var queue) ? queue : perNode[node!] = []).Add(async () =>
                completion.SetResult(action.Action.Kind == ActionKind.CordonNode
                    ? await _nodes.CordonAsync(nodes[node!], action.Outcome, cancellationToken).ConfigureAwait(false)
                    : await _nodes.TaintAsync(nodes[node!], action.Action.Spec.Taint!, cancellationToken).ConfigureAwait(false)));
        }

        await Task.WhenAll(perNode.Values.Select(async queue =>
        {
            foreach (var step in queue)
            {
                await step().ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
    }

    private Task<PortResult> Policy(Dictionary<string, Task<PortResult>> policies, string ns, ActionSpec spec, CancellationToken cancellationToken)
    {
        lock (policies)
        {
            return policies.TryGetValue(ns, out var existing)
                ? existing
                : policies[ns] = _pods.QuarantinePolicyAsync(ns, spec.Labels, cancellationToken);
        }
    }

    private async Task<(Owner Owner, PortResult? Failure)> OwnerAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        try
        {
            return (await _owners.OfAsync(pod, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
        {
            return (Owner.Standalone, KubeCalls.Failure(ex, cancellationToken));
        }
    }

    private async Task<PodState> ReadPodAsync(string podKey, CancellationToken cancellationToken)
    {
        var (ns, name) = Split(podKey);
        try
        {
            var pod = await calls.RunAsync(t => client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return new PodState(pod, null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return new PodState(null, null);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
        {
            return new PodState(null, KubeCalls.Failure(ex, cancellationToken));
        }
    }

    // The pod as the label's answer left it; read on its own when the label could not be written.
    private async Task<PodState> StateAfterAsync(string podKey, Task<(PortResult Result, PodState? State)> labelled, CancellationToken cancellationToken) =>
        (await labelled.ConfigureAwait(false)).State ?? await ReadPodAsync(podKey, cancellationToken).ConfigureAwait(false);

    private static async Task<PortResult> ResultOf(Task<(PortResult Result, PodState? State)> labelled) => (await labelled.ConfigureAwait(false)).Result;

    private static (string Namespace, string Name) Split(string podKey)
    {
        var slash = podKey.IndexOf('/', StringComparison.Ordinal);
        return (podKey[..slash], podKey[(slash + 1)..]);
    }

    private async Task<NodeList> ListNodesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await calls.RunAsync(t => client.CoreV1.ListNodeAsync(cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return new NodeList(list.Items.ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal), null);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
        {
            // Without the node list the limits cannot be checked: no node action goes ahead.
            return new NodeList([], KubeCalls.Failure(ex, cancellationToken));
        }
    }

    private sealed record NodeList(Dictionary<string, V1Node> Nodes, PortResult? Failure);

    // The node of a node action: the pod's own node when the pod still exists, else the node the alert names.
    private static string? NodeOf(ClusterActionRequest request, Dictionary<string, PodState> podStates) =>
        PodKey(request) is { } key && podStates[key].Pod?.Spec?.NodeName is { } nodeName ? nodeName : request.Outcome.Alert.Target.Node;

    // A node action reports the node it was about, which is the pod's when the alert named another.
    private static PortResult WithNode(ClusterActionRequest request, PortResult result, Dictionary<string, PodState> podStates) =>
        request.Action.Kind.IsNodeAction() && NodeOf(request, podStates) is { } node && node != request.Action.Target
            ? result with { Target = node }
            : result;

    private static string? PodKey(ClusterActionRequest request) =>
        request.Outcome.Alert.Target is { HasPod: true } target ? $"{target.Namespace}/{target.Pod}" : null;

    private static string Key(ClusterActionRequest request, string? node = null) =>
        request.Action.Kind.IsNodeAction() ? $"{request.Action.Kind}|node|{node}" : $"{request.Action.Kind}|pod|{PodKey(request)}";
}
