using Responder.Core.Alerts;
using Responder.Core.Config;
using Responder.Core.Containment;
using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.State;
using Responder.Core.Trust;

namespace Responder.Core.Response;

/// <summary>
/// decode → rank → decide → act, for every host (CLI, Lambda, tests). Deciding is pure; acting goes
/// through the ports, and an absent port leaves its actions <c>planned</c> (the offline dry run).
/// The state port (absent: state in this process) dedupes alerts and guards cluster actions with claims and limits.
/// </summary>
public sealed class ResponsePipeline(
    ResponderConfig config, INotifier? notifier = null, IClusterActions? cluster = null, ActionScope scope = ActionScope.All,
    IResponseState? state = null, TimeProvider? time = null, IFindings? findings = null)
{
    private readonly Ranker _ranker = new(config.Ranking);
    private readonly PolicyEngine _policy = new(config.Policy, config.DryRun, config.Aws.SnsTopicArn, scope, config.SecurityHub.Enabled, config.Evidence.Bucket);
    private readonly IResponseState _state = state ?? new InMemoryResponseState(time ?? TimeProvider.System);
    private readonly TrustCheck _trust = new(config.Trust);
    private EnvelopeDecoder? _decoder;

    /// <summary>
    /// A decoder that hands each record to this pipeline as it is decoded: <see cref="Decide"/> then finds every record
    /// decided, and no batch holds the parses of all its records at once. Same results as deciding after decoding.
    /// </summary>
    public EnvelopeDecoder Decoder => _decoder ??= new EnvelopeDecoder(config.Limits, config.Input.MergeKeys, DecideEarly);

    public Task<BatchResult> ProcessAsync(IngestBatch batch, CancellationToken cancellationToken) =>
        ActAsync(Decide(batch, cancellationToken), cancellationToken);

    /// <summary>
    /// Carries out a decided batch: dedupe (repeats become <c>duplicate</c> rejections), then the cluster actions that
    /// pass their claims and limits, then the notifications that report them. Returns the batch as acted on.
    /// Batches must be acted on one at a time, in input order.
    /// </summary>
    public async Task<BatchResult> ActAsync(BatchResult result, CancellationToken cancellationToken)
    {
        result = await Dedupe.ApplyAsync(_state, result, config.State.DedupeWindow, cancellationToken).ConfigureAwait(false);
        if (cluster is not null)
        {
            var containment = new ClusterResponse(cluster, config, _state, config.Cluster.Id);
            result = result with { Circuits = await containment.RunAsync(result.Alerts, cancellationToken).ConfigureAwait(false) };
        }

        // Side by side: neither waits on the other, and each reports its own outcome on its own action. A finding
        // never blocks a notification, nor the other way round.
        var notifying = notifier is null ? Task.CompletedTask : ExecuteAsync(ActionKind.Notify, result.Alerts, notifier.NotifyAsync, cancellationToken);
        var recording = findings is null ? Task.CompletedTask : ExecuteAsync(ActionKind.RecordFinding, result.Alerts, findings.RecordAsync, cancellationToken);
        await Task.WhenAll(notifying, recording).ConfigureAwait(false);
        if (notifier is not null)
        {
            foreach (var circuit in result.Circuits)
            {
                await notifier.NotifyCircuitOpenAsync(circuit, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>
    /// The pure part: every record becomes an outcome or a rejection, in input order. Thread-safe. A record is decided once
    /// (when <see cref="Decoder"/> decoded it, or here); deciding its batch again gives the same outcomes.
    /// </summary>
    public BatchResult Decide(IngestBatch batch, CancellationToken cancellationToken = default)
    {
        var alerts = new List<AlertOutcome>(batch.Records.Count);
        var rejected = new List<Rejection>();
        foreach (var record in batch.Records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.Rejection is { } rejection)
            {
                rejected.Add(rejection);
                continue;
            }

            switch (record.Decided ??= DecideReleasing(record))
            {
                case AlertOutcome outcome:
                    alerts.Add(outcome);
                    break;
                case Rejection decidedRejection:
                    rejected.Add(decidedRejection);
                    break;
            }
        }

        return new BatchResult(alerts, rejected);
    }

    private void DecideEarly(IngestedRecord record)
    {
        if (record.Rejection is null)
        {
            record.Decided = DecideReleasing(record);
        }
    }

    /// <summary>The record's outcome or rejection; what was parsed for the record alone goes back to the pool for the next one.</summary>
    private object DecideReleasing(IngestedRecord record)
    {
        try
        {
            return DecideOne(record);
        }
        catch (InvalidOperationException ex)
        {
            // The per-alert boundary: the readers are lenient with odd text, but whatever the runtime
            // still refuses to read in one alert must cost that record only, never the batch.
            return new Rejection(record.Id, RejectCode.Invalid, $"unreadable alert text: {ex.Message}");
        }
        finally
        {
            record.Release();
        }
    }

    private object DecideOne(IngestedRecord record)
    {
        // Before any field is read: a record that is not Falco's is not an alert, however it looks.
        if (_trust.Problem(record) is { } untrusted)
        {
            return new Rejection(record.Id, RejectCode.Untrusted, untrusted);
        }

        var read = AlertReader.Read(record.Alert, record.Kubernetes, record.LogTime, record.Shape is RecordShape.Merged or RecordShape.MergedNoLog);
        if (read.Alert is not { } alert)
        {
            return new Rejection(record.Id, RejectCode.Invalid, read.Problem!);
        }

        // The terms are kept with the outcome: a notification or explain says why the score is what it is without ranking again.
        var terms = new List<ScoreTerm>(4);
        var ranking = _ranker.Rank(alert, terms);
        var outcome = new AlertOutcome(record, alert, ranking, terms.ToArray(), _policy.Decide(alert, ranking));
        if (config.SecurityHub.Enabled)
        {
            outcome.Name(ActionKind.RecordFinding, FindingIds.Of(config.Cluster.Id, outcome.Key));
        }

        // Keyed now, while the record's parse is at hand: dedupe and claims need the key of every alert.
        _ = outcome.Key;
        if (record.Releasable)
        {
            alert.Detach(record.AlertBytes);
        }

        return outcome;
    }

    private static async Task ExecuteAsync(
        ActionKind kind, IReadOnlyList<AlertOutcome> alerts, Func<IReadOnlyList<AlertOutcome>, CancellationToken, Task<IReadOnlyList<PortResult>>> port,
        CancellationToken cancellationToken)
    {
        var notified = new List<AlertOutcome>();
        var slots = new List<(AlertOutcome Outcome, int Index)>();
        foreach (var outcome in alerts)
        {
            for (var i = 0; i < outcome.Actions.Count; i++)
            {
                if (outcome.Actions[i].Kind == kind && outcome.Actions[i].IsPending)
                {
                    notified.Add(outcome);
                    slots.Add((outcome, i));
                }
            }
        }

        if (notified.Count == 0)
        {
            return;
        }

        var results = await port(notified, cancellationToken).ConfigureAwait(false);
        Apply(slots, results);
    }

    private static void Apply(List<(AlertOutcome Outcome, int Index)> slots, IReadOnlyList<PortResult> results)
    {
        if (results.Count != slots.Count)
        {
            throw new InvalidOperationException($"a port returned {results.Count} results for {slots.Count} requests");
        }

        for (var i = 0; i < slots.Count; i++)
        {
            slots[i].Outcome.Update(slots[i].Index, results[i]);
        }
    }
}
