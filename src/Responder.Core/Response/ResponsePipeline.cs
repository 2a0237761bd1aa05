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
    IResponseState? state = null, TimeProvider? time = null)
{
    private readonly Ranker _ranker = new(config.Ranking);
    private readonly PolicyEngine _policy = new(config.Policy, config.DryRun, config.Aws.SnsTopicArn, scope, config.Evidence.Bucket);
    private readonly IResponseState _state = state ?? new InMemoryResponseState(time ?? TimeProvider.System);
    private readonly TrustCheck _trust = new(config.Trust);

    public ResponderConfig Config => config;

    public Ranker Ranker => _ranker;

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
            var containment = new ClusterResponse(cluster, config, _state, ClusterId(config));
            result = result with { Circuits = await containment.RunAsync(result.Alerts, cancellationToken).ConfigureAwait(false) };
        }

        if (notifier is not null)
        {
            await NotifyAsync(notifier, result.Alerts, cancellationToken).ConfigureAwait(false);
            foreach (var circuit in result.Circuits)
            {
                await notifier.NotifyCircuitOpenAsync(circuit, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>The cluster blast-radius limits are counted for: its name, else its API host.</summary>
    private static string ClusterId(ResponderConfig config) => config.Cluster.Name ?? config.Cluster.Endpoint?.Authority ?? "default";

    /// <summary>The pure part: every record becomes an outcome or a rejection, in input order. Thread-safe.</summary>
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

            // Before any field is read: a record that is not Falco's is not an alert, however it looks.
            if (_trust.Problem(record) is { } untrusted)
            {
                rejected.Add(new Rejection(record.Id, RejectCode.Untrusted, untrusted));
                continue;
            }

            try
            {
                var read = AlertReader.Read(record.Alert, record.Kubernetes, record.LogTime, record.Shape is RecordShape.Merged or RecordShape.MergedNoLog);
                if (read.Alert is not { } alert)
                {
                    rejected.Add(new Rejection(record.Id, RejectCode.Invalid, read.Problem!));
                    continue;
                }

                var ranking = _ranker.Rank(alert);
                alerts.Add(new AlertOutcome(record, alert, ranking, _policy.Decide(alert, ranking)));
            }
            catch (InvalidOperationException ex)
            {
                // The per-alert boundary: the readers are lenient with odd text, but whatever the runtime
                // still refuses to read in one alert must cost that record only, never the batch.
                rejected.Add(new Rejection(record.Id, RejectCode.Invalid, $"unreadable alert text: {ex.Message}"));
            }
        }

        return new BatchResult(alerts, rejected);
    }

    private static async Task NotifyAsync(INotifier port, IReadOnlyList<AlertOutcome> alerts, CancellationToken cancellationToken)
    {
        var notified = new List<AlertOutcome>();
        var slots = new List<(AlertOutcome Outcome, int Index)>();
        foreach (var outcome in alerts)
        {
            for (var i = 0; i < outcome.Actions.Count; i++)
            {
                if (outcome.Actions[i].Kind == ActionKind.Notify && outcome.Actions[i].IsPending)
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

        var results = await port.NotifyAsync(notified, cancellationToken).ConfigureAwait(false);
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
