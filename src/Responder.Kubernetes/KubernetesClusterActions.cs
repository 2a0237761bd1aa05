using k8s;
using Responder.Core.Config;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Kubernetes.Actions;

namespace Responder.Kubernetes;

/// <summary>
/// The cluster port over KubernetesClient.Aot. The client is made on first use (finding the cluster may need an AWS
/// call) and kept; when the cluster cannot be reached, every read fails with the reason, and so every action. The
/// evidence actions also write to the evidence store and the snapshot service of <paramref name="evidence"/>.
/// </summary>
public sealed class KubernetesClusterActions(
    Func<CancellationToken, Task<IKubernetes>> connect, ContainmentSettings settings, TimeProvider time, EvidencePorts? evidence = null) : IClusterActions, IDisposable
{
    /// <summary>What the reads before any write need: each pod, the node list, the controllers of pods to be removed.</summary>
    internal static readonly IReadOnlyList<ApiPermission> ReadPermissions =
    [
        new("", "pods", "get"),
        new("", "nodes", "list"),
        new("apps", "replicasets", "get"),
        new("apps", "statefulsets", "get"),
    ];

    private readonly KubeCalls _calls = new(settings.Concurrency, time);
    private IKubernetes? _client;
    private PortResult? _unreachable;
    private IReadOnlyDictionary<string, k8s.Models.V1Pod> _podsAsRead = new Dictionary<string, k8s.Models.V1Pod>();

    public async Task<ClusterSnapshot> ReadAsync(IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken)
    {
        var pods = actions.Select(a => a.PodRef).OfType<PodRef>().DistinctBy(p => p.Key, StringComparer.Ordinal).ToList();
        var nodes = actions.Any(a => a.Kind.IsNodeAction());
        if (await ConnectAsync(cancellationToken).ConfigureAwait(false) is not { } client)
        {
            var failure = new Lookup<PodFacts>(null, _unreachable);
            return new ClusterSnapshot(pods.ToDictionary(p => p.Key, _ => failure, StringComparer.Ordinal), new(null, _unreachable));
        }

        var reads = new ClusterReads(client, _calls);
        var snapshot = await reads.ReadAsync(pods, nodes, cancellationToken).ConfigureAwait(false);
        _podsAsRead = reads.Pods;
        return snapshot;
    }

    public async Task<IReadOnlyDictionary<string, Lookup<Owner>>> OwnersAsync(IReadOnlyList<PodFacts> pods, CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return pods.ToDictionary(p => p.Key, _ => new Lookup<Owner>(null, _unreachable), StringComparer.Ordinal);
        }

        var owners = new Owners(client, _calls);
        var found = await Task.WhenAll(pods.Select(p => owners.OfAsync(p, cancellationToken))).ConfigureAwait(false);
        return pods.Zip(found).ToDictionary(p => p.First.Key, p => p.Second, StringComparer.Ordinal);
    }

    public async Task ExecuteAsync(IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken)
    {
        if (await ConnectAsync(cancellationToken).ConfigureAwait(false) is not { } client)
        {
            foreach (var action in actions)
            {
                action.Complete(_unreachable!.Value);
            }

            return;
        }

        // Writes to one object go one after the other (a cordon and a taint both write the node); objects side by side.
        var context = new ActionContext(client, _calls, settings, time) { Evidence = evidence ?? EvidencePorts.None, PodsAsRead = _podsAsRead };
        await Task.WhenAll(actions.GroupBy(a => (a.Kind.Info().Target, a.Target)).Select(async queue =>
        {
            foreach (var action in queue.OrderBy(a => a.Kind))
            {
                action.Complete(await Actioners.For(action.Kind).ExecuteAsync(action, context, cancellationToken).ConfigureAwait(false));
            }
        })).ConfigureAwait(false);
    }

    public void Dispose() => _calls.Dispose();

    // Null (and _unreachable set) when the cluster cannot be reached; a retryable failure is tried again next time.
    private async Task<IKubernetes?> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            return _client;
        }

        try
        {
            _unreachable = null;
            return _client = await connect(cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterUnavailableException ex)
        {
            _unreachable = new PortResult(ActionStatus.Failed, $"cluster-unreachable: {ex.Message}") { Retryable = ex.Retryable };
            return null;
        }
    }
}
