using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.State;

namespace Responder.Core.Containment;

/// <summary>
/// The cluster actions of one batch: resolve, then guard, then act. Every pod and node is read before anything is
/// written; every guardrail and limit is judged on what was read; then the hold stage (labels, isolation, cordons,
/// taints) and the evidence stage (pod logs and manifest to the store, node snapshots) run while the controllers of the
/// pods to be removed are read, and the removal stage after them, so a pod's evidence is stored before its removal is
/// asked for. Each target is acted on once, however many alerts ask. One critical alert costs three round trips: the
/// reads, the holds with the controller lookup, the removal (and the evidence's calls when there is any).
/// </summary>
internal sealed class ClusterResponse(IClusterActions port, ResponderConfig config, IResponseState state, string clusterId)
{
    private readonly ActionGate _gate = new(config.State, clusterId);
    private readonly TargetResolver _resolver = new(config.Containment.ClockSkew);

    public async Task<IReadOnlyList<CircuitOpen>> RunAsync(IReadOnlyList<AlertOutcome> alerts, CancellationToken cancellationToken)
    {
        var actions = Collect(alerts);
        if (actions.Count == 0)
        {
            return [];
        }

        var snapshot = await port.ReadAsync(actions, cancellationToken).ConfigureAwait(false);
        foreach (var action in actions)
        {
            _resolver.Resolve(action, snapshot);
        }

        if (snapshot.Nodes.Value is { } nodes)
        {
            new NodeGuard(config.Policy, config.Containment).Check([.. actions.Where(a => a.Kind.IsNodeAction())], nodes);
        }

        await _gate.ClaimAsync(state, actions, cancellationToken).ConfigureAwait(false);
        var circuits = new List<CircuitOpen>();
        await LimitAsync(LimitBucket.Cordons, actions, circuits, cancellationToken).ConfigureAwait(false);
        await LimitAsync(LimitBucket.Snapshots, actions, circuits, cancellationToken).ConfigureAwait(false);

        var removals = actions.Where(a => !a.IsSettled && a.Kind.Info().Stage == ActionStage.Removal).ToList();
        var owners = removals.Count == 0
            ? Task.FromResult<IReadOnlyDictionary<string, Lookup<Owner>>>(new Dictionary<string, Lookup<Owner>>())
            : port.OwnersAsync([.. removals.Select(a => a.Pod!).DistinctBy(p => p.Key, StringComparer.Ordinal)], cancellationToken);
        await ExecuteAsync(actions, ActionStage.Hold, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(actions, ActionStage.Evidence, cancellationToken).ConfigureAwait(false);

        EvidenceGuard.Check(actions, removals);
        Guard(removals, await owners.ConfigureAwait(false));
        await LimitAsync(LimitBucket.Deletes, actions, circuits, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(actions, ActionStage.Removal, cancellationToken).ConfigureAwait(false);

        await _gate.RecordAsync(state, actions, cancellationToken).ConfigureAwait(false);
        foreach (var action in actions)
        {
            action.Report();
        }

        return circuits;
    }

    private static List<ClusterAction> Collect(IReadOnlyList<AlertOutcome> alerts)
    {
        var actions = new List<ClusterAction>();
        foreach (var outcome in alerts)
        {
            for (var i = 0; i < outcome.Actions.Count; i++)
            {
                if (outcome.Actions[i].Kind.IsClusterAction() && outcome.Actions[i].IsPending)
                {
                    actions.Add(new ClusterAction(outcome, i));
                }
            }
        }

        return actions;
    }

    private async Task LimitAsync(LimitBucket bucket, List<ClusterAction> actions, List<CircuitOpen> circuits, CancellationToken cancellationToken)
    {
        if (await _gate.LimitAsync(state, bucket, actions, cancellationToken).ConfigureAwait(false) is { } circuit)
        {
            circuits.Add(circuit);
        }
    }

    private void Guard(List<ClusterAction> removals, IReadOnlyDictionary<string, Lookup<Owner>> owners)
    {
        var guard = new RemovalGuard(config.Containment);

        // One decision per pod, however many alerts (and kinds) would remove it: it is counted down once.
        var decided = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var action in removals.Where(a => !a.IsSettled))
        {
            var pod = action.Pod!;
            var owner = owners[pod.Key];
            if (owner.Failure is { } failure)
            {
                action.Complete(failure);
                continue;
            }

            if (!decided.TryGetValue(pod.Key, out var refusal))
            {
                refusal = decided[pod.Key] = guard.Refusal(pod, owner.Value ?? Owner.Standalone);
            }

            if (refusal is not null)
            {
                action.Skip(refusal);
            }
            else
            {
                action.Owner = owner.Value;
            }
        }
    }

    /// <summary>Runs one stage: one action per kind and target goes to the port, the others of the same target share its result.</summary>
    private async Task ExecuteAsync(List<ClusterAction> actions, ActionStage stage, CancellationToken cancellationToken)
    {
        var groups = actions.Where(a => !a.IsSettled && a.Kind.Info().Stage == stage)
            .GroupBy(a => (a.Kind, a.Target))
            .Select(g => g.ToList())
            .ToList();
        if (groups.Count == 0)
        {
            return;
        }

        await port.ExecuteAsync([.. groups.Select(g => g[0])], cancellationToken).ConfigureAwait(false);
        foreach (var group in groups)
        {
            var result = group[0].Result ?? throw new InvalidOperationException($"the cluster port left {group[0].Kind.ToWire()} on {group[0].Target} without a result");
            foreach (var follower in group.Skip(1))
            {
                follower.Complete(result);
            }
        }
    }
}
