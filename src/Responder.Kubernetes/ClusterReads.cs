using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Containment;

namespace Responder.Kubernetes;

/// <summary>The reads before any write: each pod by namespace and name (never searched for elsewhere), and the node list.</summary>
internal sealed class ClusterReads(IKubernetes client, KubeCalls calls)
{
    private readonly ConcurrentDictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);

    /// <summary>Each pod found, as the API server gave it: collect-evidence keeps this manifest, not a later one.</summary>
    public IReadOnlyDictionary<string, V1Pod> Pods => _pods;

    public async Task<ClusterSnapshot> ReadAsync(IReadOnlyList<PodRef> pods, bool nodes, CancellationToken cancellationToken)
    {
        var nodeList = nodes ? ListNodesAsync(cancellationToken) : Task.FromResult(new Lookup<IReadOnlyDictionary<string, NodeFacts>>(new Dictionary<string, NodeFacts>(), null));
        var reads = pods.Select(p => ReadPodAsync(p, cancellationToken)).ToList();
        var found = await Task.WhenAll(reads).ConfigureAwait(false);
        var byKey = new Dictionary<string, Lookup<PodFacts>>(StringComparer.Ordinal);
        for (var i = 0; i < pods.Count; i++)
        {
            byKey[pods[i].Key] = found[i];
        }

        return new ClusterSnapshot(byKey, await nodeList.ConfigureAwait(false));
    }

    private async Task<Lookup<PodFacts>> ReadPodAsync(PodRef pod, CancellationToken cancellationToken)
    {
        try
        {
            var read = await calls.RunAsync(t => client.CoreV1.ReadNamespacedPodAsync(pod.Name, pod.Namespace, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            _pods[pod.Key] = read;
            return new(Facts.Of(read), null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return default;
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            return new(null, KubeCalls.Failure(ex, cancellationToken));
        }
    }

    private async Task<Lookup<IReadOnlyDictionary<string, NodeFacts>>> ListNodesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await calls.RunAsync(t => client.CoreV1.ListNodeAsync(cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return new(list.Items.ToDictionary(n => n.Metadata.Name, Facts.Of, StringComparer.Ordinal), null);
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            // Without the node list no node guardrail can be judged: no node action goes ahead.
            return new(null, KubeCalls.Failure(ex, cancellationToken));
        }
    }
}
