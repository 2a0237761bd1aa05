using Responder.Core.Ingest;
using Responder.Core.State;

namespace Responder.Core.Response;

/// <summary>
/// Rejects repeats of an alert within the dedupe window as <c>duplicate</c>: repeats in the batch are folded into their
/// first occurrence (so its notification counts them), then the state decides which instance saw the key first.
/// </summary>
internal static class Dedupe
{
    public static async Task<BatchResult> ApplyAsync(IResponseState state, BatchResult result, TimeSpan window, CancellationToken cancellationToken)
    {
        if (window <= TimeSpan.Zero || result.Alerts.Count == 0)
        {
            return result;
        }

        var firsts = new Dictionary<string, AlertOutcome>(StringComparer.Ordinal);
        var candidates = new List<AlertOutcome>();
        var repeats = new List<Rejection>();
        var span = StateText.Duration(window);
        foreach (var outcome in result.Alerts)
        {
            // A batch of 100,000 alerts takes a while to key: the deadline must be able to stop it, as it stops deciding.
            cancellationToken.ThrowIfCancellationRequested();
            if (firsts.TryGetValue(outcome.Key, out var first))
            {
                first.AddRepeat(outcome);
                repeats.Add(new Rejection(outcome.Id, RejectCode.Duplicate,
                    $"repeat of {first.Id} in the same batch (same rule, namespace, pod, node and output within {span})"));
                continue;
            }

            firsts[outcome.Key] = outcome;
            candidates.Add(outcome);
        }

        var admissions = await state.AdmitAsync([.. candidates.Select(c => new Sighting(c.Key, c.Id, 1 + c.Repeats))], window, cancellationToken)
            .ConfigureAwait(false);
        var alerts = new List<AlertOutcome>(candidates.Count);
        var rejected = new List<Rejection>(result.Rejected);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (admissions[i].Admitted)
            {
                alerts.Add(candidates[i]);
            }
            else
            {
                rejected.Add(new Rejection(candidates[i].Id, RejectCode.Duplicate,
                    $"repeat of {admissions[i].FirstId}, seen first by another invocation; seen {admissions[i].Seen} times within {span}"));
            }
        }

        rejected.AddRange(repeats);
        return result with { Alerts = alerts, Rejected = rejected };
    }
}
