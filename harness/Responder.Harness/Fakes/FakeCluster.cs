using Responder.Core.Alerts;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Harness.Fakes;

/// <summary>
/// A cluster for tests of the pipeline around the port: every pod an alert names exists, is the pod that fired and
/// runs on the node the alert names, among twenty more schedulable nodes; every action is answered by a script
/// (success by default) and recorded. Guardrails on real API objects are tested against the fake API server.
/// </summary>
public sealed class FakeCluster(Func<ClusterAction, PortResult>? answer = null) : IClusterActions
{
    private const string DefaultNode = "ip-10-0-9-9.eu-west-1.compute.internal";

    /// <summary>The actions carried out, in the order the port was asked.</summary>
    public List<ClusterAction> Requests { get; } = [];

    public Task<ClusterSnapshot> ReadAsync(IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken)
    {
        var pods = new Dictionary<string, Lookup<PodFacts>>(StringComparer.Ordinal);
        var nodes = Enumerable.Range(1, 20).Select(i => $"spare-{i}").ToDictionary(n => n, n => new NodeFacts(n), StringComparer.Ordinal);
        foreach (var action in actions)
        {
            var alert = action.Outcome.Alert;
            var node = alert.Target.Node ?? DefaultNode;
            nodes.TryAdd(node, new NodeFacts(node));
            if (action.PodRef is { } pod)
            {
                pods.TryAdd(pod.Key, new(Pod(pod, alert, node), null));
            }
        }

        return Task.FromResult(new ClusterSnapshot(pods, new(nodes, null)));
    }

    public Task<IReadOnlyDictionary<string, Lookup<Owner>>> OwnersAsync(IReadOnlyList<PodFacts> pods, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, Lookup<Owner>>>(pods.ToDictionary(p => p.Key, _ => new Lookup<Owner>(new Owner("Deployment", "app", 3, 3), null)));

    public Task ExecuteAsync(IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            Requests.Add(action);
            action.Complete(answer?.Invoke(action) ?? new PortResult(ActionStatus.Succeeded, null));
        }

        return Task.CompletedTask;
    }

    private static PodFacts Pod(PodRef pod, FalcoAlert alert, string node) =>
        new(pod.Namespace, pod.Name, alert.Target.PodUid ?? "00000000-0000-4000-8000-000000000000")
        {
            NodeName = node,
            Created = DateTimeOffset.UnixEpoch,
            Ready = true,
            Controller = ("ReplicaSet", "app"),
        };
}
