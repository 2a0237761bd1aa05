using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.State;

namespace Responder.Core.Containment;

/// <summary>
/// What stands between a guarded cluster action and the cluster: the claim (an action done by an earlier attempt is
/// not repeated, one claimed by a live attempt is left to it) and the blast-radius limits, counted on the targets as
/// resolved. Limits count only the actions that will really run, so a retry that finds its deletes done takes no slot.
/// </summary>
internal sealed class ActionGate(StateSettings settings, string cluster)
{
    public const string AlreadyDone = "already done by an earlier attempt";

    /// <summary>Claims every unsettled action; done and held claims settle theirs.</summary>
    public async Task ClaimAsync(IResponseState state, IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken)
    {
        var open = actions.Where(a => !a.IsSettled).ToList();
        var distinct = new List<ClaimRequest>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in open)
        {
            action.ClaimKey = StateKeys.Action(action.Kind, action.Target, action.Outcome.Key);
            if (seen.Add(action.ClaimKey))
            {
                distinct.Add(new ClaimRequest(action.ClaimKey, action.Outcome.Id));
            }
        }

        if (distinct.Count == 0)
        {
            return;
        }

        var claims = await state.ClaimAsync(distinct, settings.ClaimLease, settings.OutcomeTtl, cancellationToken).ConfigureAwait(false);
        var claimOf = new Dictionary<string, Claim>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Count; i++)
        {
            claimOf[distinct[i].Key] = claims[i];
        }

        foreach (var action in open)
        {
            var claim = action.Claim = claimOf[action.ClaimKey!];
            switch (claim.State)
            {
                case ClaimState.Done:
                    action.Complete(new PortResult(ActionStatus.Succeeded, claim.Reason is null ? AlreadyDone : $"{AlreadyDone} ({claim.Reason})"));
                    break;
                case ClaimState.Held:
                    action.Complete(new PortResult(ActionStatus.Failed,
                        $"in-progress: claimed by the attempt for record {claim.Holder} until {claim.Until:yyyy-MM-ddTHH:mm:ssZ}") { Retryable = true });
                    break;
            }
        }
    }

    /// <summary>Takes a slot of the bucket's limit for each distinct target of the unsettled actions; the rest are skipped rate-limited.</summary>
    public async Task<CircuitOpen?> LimitAsync(IResponseState state, LimitBucket bucket, IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken)
    {
        var counted = actions.Where(a => !a.IsSettled && a.Kind.Info().Bucket == bucket).ToList();

        // Each target counts once: the cluster port acts once per target in a batch.
        var targets = counted.Select(a => a.Target ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (targets.Count == 0)
        {
            return null;
        }

        var (name, kinds, max) = bucket switch
        {
            LimitBucket.Deletes => ("deletes", "delete-pod, evict-pod", settings.MaxDeletes),
            LimitBucket.Cordons => ("cordons", "cordon-node, taint-node", settings.MaxCordons),
            LimitBucket.Snapshots => ("snapshots", "snapshot-node", settings.MaxSnapshots),
            _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "not a limit"),
        };
        var grant = await state.TakeAsync(new LimitRequest($"{cluster}#{name}", targets.Count, max, settings.LimitWindow), cancellationToken).ConfigureAwait(false);
        if (grant.Granted == targets.Count)
        {
            return null;
        }

        var circuit = new CircuitOpen(name, kinds, max, settings.LimitWindow, cluster, grant.WindowEnd, targets.Count - grant.Granted);
        var refused = targets.Skip(grant.Granted).ToHashSet(StringComparer.Ordinal);
        foreach (var action in counted.Where(a => refused.Contains(a.Target ?? string.Empty)))
        {
            action.Skip($"rate-limited: {circuit.Describe()}");
        }

        return grant.Opened ? circuit : null;
    }

    /// <summary>Records the outcome of every claim this batch acquired: done when all its actions succeeded, else released.</summary>
    public Task RecordAsync(IResponseState state, IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, ClaimOutcome>(StringComparer.Ordinal);
        foreach (var action in actions.Where(a => a.Claim is { State: ClaimState.Acquired }))
        {
            var result = action.Result!.Value;
            var succeeded = result.Status == ActionStatus.Succeeded;
            if (!outcomes.TryGetValue(action.ClaimKey!, out var known) || (known.Succeeded && !succeeded))
            {
                outcomes[action.ClaimKey!] = new ClaimOutcome(action.ClaimKey!, action.Outcome.Id, succeeded, result.Reason);
            }
        }

        return outcomes.Count == 0 ? Task.CompletedTask : state.RecordAsync([.. outcomes.Values], settings.OutcomeTtl, cancellationToken);
    }
}
