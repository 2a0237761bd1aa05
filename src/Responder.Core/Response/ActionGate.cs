using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Core.State;

namespace Responder.Core.Response;

/// <summary>
/// What stands between a decided cluster action and the cluster: the claim (an action done by an earlier attempt is not
/// repeated, one claimed by a live attempt is left to it) and the blast-radius limits. Limits count only the actions
/// that will really run, so a retry that finds its deletes done takes no slot.
/// </summary>
internal sealed class ActionGate(StateSettings settings, string cluster)
{
    public const string AlreadyDone = "already done by an earlier attempt";

    /// <summary>Claims and limits the requests: a result for each request settled here, null for each that may run.</summary>
    public async Task<Gate> OpenAsync(IResponseState state, IReadOnlyList<ClusterActionRequest> requests, CancellationToken cancellationToken)
    {
        var keys = requests.Select(r => StateKeys.Action(r.Action.Kind, r.Action.Target, r.Outcome.Key)).ToArray();
        var distinct = new List<ClaimRequest>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            if (seen.Add(keys[i]))
            {
                distinct.Add(new ClaimRequest(keys[i], requests[i].Outcome.Id));
            }
        }

        var claims = await state.ClaimAsync(distinct, settings.ClaimLease, settings.OutcomeTtl, cancellationToken).ConfigureAwait(false);
        var claimOf = new Dictionary<string, Claim>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Count; i++)
        {
            claimOf[distinct[i].Key] = claims[i];
        }

        var settled = new PortResult?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            settled[i] = claimOf[keys[i]] switch
            {
                { State: ClaimState.Done } done => new PortResult(ActionStatus.Succeeded, done.Reason is null ? AlreadyDone : $"{AlreadyDone} ({done.Reason})"),
                { State: ClaimState.Held } held => new PortResult(ActionStatus.Failed,
                    $"in-progress: claimed by the attempt for record {held.Holder} until {held.Until:yyyy-MM-ddTHH:mm:ssZ}") { Retryable = true },
                _ => null,
            };
        }

        var circuits = new List<CircuitOpen>();
        await LimitAsync("deletes", "delete-pod, evict-pod", settings.MaxDeletes, k => k is ActionKind.DeletePod or ActionKind.EvictPod).ConfigureAwait(false);
        await LimitAsync("cordons", "cordon-node, taint-node", settings.MaxCordons, k => k.IsNodeAction()).ConfigureAwait(false);
        return new Gate(keys, claimOf, settled, circuits);

        async Task LimitAsync(string limit, string actions, int max, Func<ActionKind, bool> counts)
        {
            // Each target counts once: the cluster port acts once per target in a batch.
            var targets = Enumerable.Range(0, requests.Count).Where(i => settled[i] is null && counts(requests[i].Action.Kind))
                .Select(i => requests[i].Action.Target ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
            if (targets.Count == 0)
            {
                return;
            }

            var grant = await state.TakeAsync(new LimitRequest($"{cluster}#{limit}", targets.Count, max, settings.LimitWindow), cancellationToken).ConfigureAwait(false);
            if (grant.Granted == targets.Count)
            {
                return;
            }

            var circuit = new CircuitOpen(limit, actions, max, settings.LimitWindow, cluster, grant.WindowEnd, targets.Count - grant.Granted);
            var refused = targets.Skip(grant.Granted).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < requests.Count; i++)
            {
                if (settled[i] is null && counts(requests[i].Action.Kind) && refused.Contains(requests[i].Action.Target ?? string.Empty))
                {
                    settled[i] = new PortResult(ActionStatus.Skipped, $"rate-limited: {circuit.Describe()}");
                }
            }

            if (grant.Opened)
            {
                circuits.Add(circuit);
            }
        }
    }

    /// <summary>Records the outcome of every claim this batch acquired: done when all its requests succeeded, else released.</summary>
    public Task CloseAsync(IResponseState state, Gate gate, IReadOnlyList<PortResult> results, IReadOnlyList<ClusterActionRequest> requests, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, ClaimOutcome>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var key = gate.Keys[i];
            if (gate.Claims[key].State != ClaimState.Acquired)
            {
                continue;
            }

            var succeeded = results[i].Status == ActionStatus.Succeeded;
            if (!outcomes.TryGetValue(key, out var known) || (known.Succeeded && !succeeded))
            {
                outcomes[key] = new ClaimOutcome(key, requests[i].Outcome.Id, succeeded, results[i].Reason);
            }
        }

        return outcomes.Count == 0 ? Task.CompletedTask : state.RecordAsync([.. outcomes.Values], settings.OutcomeTtl, cancellationToken);
    }

    /// <param name="Keys">The action key of each request.</param>
    /// <param name="Settled">A result for each request decided by the gate; null where the cluster port must act.</param>
    public sealed record Gate(string[] Keys, Dictionary<string, Claim> Claims, PortResult?[] Settled, List<CircuitOpen> Circuits);
}
