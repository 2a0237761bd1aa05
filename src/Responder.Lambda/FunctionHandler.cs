using System.Globalization;
using System.Text.Json;
using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.State;
using Responder.Lambda.Logging;
using Responder.Lambda.Runtime;

namespace Responder.Lambda;

/// <summary>
/// One invocation through the shared pipeline: decode → rank → decide → act → report, then logs and
/// metrics. Bad input never fails an invocation (it is reported); a retryable action failure or the
/// deadline does, so Lambda retries the event.
/// </summary>
internal sealed class FunctionHandler(string handler, ResponsePipeline pipeline, JsonLog log, TimeProvider clock)
{
    private readonly EnvelopeDecoder _decoder = pipeline.Decoder;

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken deadline)
    {
        var start = clock.GetTimestamp();
        IngestBatch batch;
        try
        {
            batch = _decoder.DecodePayload(invocation.Body, deadline);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return Fail(invocation, DeadlineExceeded("while decoding the event"));
        }

        using (batch)
        {
            BatchResult result;
            try
            {
                result = await pipeline.ActAsync(pipeline.Decide(batch, deadline), deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return Fail(invocation, DeadlineExceeded(string.Create(CultureInfo.InvariantCulture, $"with {batch.Records.Count} records received")));
            }
            catch (StateUnavailableException ex)
            {
                // Without the state nothing can be deduped or claimed, so nothing is done: Lambda retries the whole event,
                // and the claims recorded before the failure keep the retry from repeating an action.
                return Fail(invocation, new RuntimeFailure(ex.Retryable ? RuntimeFailure.RetryableFailure : RuntimeFailure.StateUnavailable, ex.Message));
            }

            return Complete(invocation, batch, result, clock.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private InvocationResult Complete(Invocation invocation, IngestBatch batch, BatchResult result, double durationMs)
    {
        var summary = new ReportSummary();
        summary.Add(result);
        LogOutcomes(invocation.RequestId, result);
        log.Summary(invocation.RequestId, summary, batch.Envelope, batch.Drill, durationMs);
        EmfMetrics.Write(log, handler, summary, result.Alerts, durationMs, clock.GetUtcNow());

        var failures = RetryableFailures(result);
        if (BatchItemFailures.Applies(batch) && BatchItemFailures.Of(result) is { } sequences)
        {
            // The invocation succeeds; Lambda retries the listed records only.
            if (sequences.Count > 0)
            {
                var why = failures.Count > 0 ? Describe(failures) : "records left undecoded by the invocation's input budget";
                log.Failed(invocation.RequestId, "batch.items-failed", new RuntimeFailure(RuntimeFailure.RetryableFailure,
                    $"{why}; Kinesis records to retry: {string.Join(", ", sequences)}"));
            }

            return InvocationResult.Ok(BatchItemFailures.Body(sequences));
        }

        if (failures.Count > 0)
        {
            return Fail(invocation, new RuntimeFailure(RuntimeFailure.RetryableFailure, Describe(failures)));
        }

        return InvocationResult.Ok(FullReport(batch) ? Report(result) : SummaryOnly(summary));
    }

    private static string Describe(List<string> failures) =>
        $"{failures.Count} action(s) failed and may succeed on retry: {string.Join("; ", failures.Take(5))}";

    private static RuntimeFailure DeadlineExceeded(string where) =>
        new(RuntimeFailure.DeadlineExceeded, $"stopped before the Lambda deadline {where}; Lambda retries the event");

    private InvocationResult Fail(Invocation invocation, RuntimeFailure failure)
    {
        log.Failed(invocation.RequestId, "invocation.failed", failure);
        return InvocationResult.Fail(failure);
    }

    private void LogOutcomes(string requestId, BatchResult result)
    {
        foreach (var rejection in result.Rejected)
        {
            log.Rejected(requestId, rejection);
        }

        foreach (var circuit in result.Circuits)
        {
            log.CircuitOpen(requestId, circuit);
        }

        foreach (var outcome in result.Alerts)
        {
            log.Decided(requestId, outcome);
            foreach (var action in outcome.Actions)
            {
                // Planned and guardrail-skipped actions are on the decision line; only acting has an outcome.
                if (action.Executed)
                {
                    log.Acted(requestId, outcome, action);
                }
            }
        }
    }

    private static List<string> RetryableFailures(BatchResult result) =>
        [.. result.Alerts.SelectMany(a => a.Actions.Where(x => x.Status == ActionStatus.Failed && x.Retryable)
            .Select(x => $"{x.Kind.ToWire()} {x.Target}: {x.Reason}"))];

    // Subscription deliveries are asynchronous: nobody reads the response, so it stays small.
    // Direct invokes and drills are read by people: they get the whole report (docs/report.schema.json).
    private static bool FullReport(IngestBatch batch) => batch.Drill || batch.Envelope is EnvelopeKind.Direct or EnvelopeKind.Array;

    private static byte[] Report(BatchResult result)
    {
        using var output = new MemoryStream();
        using (var writer = new JsonReportWriter(output, new MemoryStream()))
        {
            writer.Write(result);
            writer.Complete();
        }

        return output.ToArray();
    }

    private static byte[] SummaryOnly(ReportSummary summary)
    {
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("summary"u8);
            JsonReport.WriteSummary(writer, summary);
            writer.WriteEndObject();
        }

        return output.ToArray();
    }
}
