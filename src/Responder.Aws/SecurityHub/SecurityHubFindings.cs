using Responder.Aws.Http;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Aws.SecurityHub;

/// <summary>
/// The findings port over Security Hub: each alert with a record-finding action is written as a finding
/// (<see cref="FindingDocument"/>) and imported, at most <see cref="SecurityHubClient.MaxFindings"/> and
/// <see cref="MaxRequestBytes"/> a call, two calls at a time. A refused finding fails its alert only; a call that fails
/// fails the alerts it carried, retryable as the error is, so Lambda retries the event and the import, which updates the
/// same findings, is simply made again.
/// </summary>
public sealed class SecurityHubFindings(SecurityHubClient client, Func<CancellationToken, Task<string>> product, FindingContext context) : IFindings
{
    /// <summary>Below the API's limit on a request's size, whatever the findings hold.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    private const int Concurrency = 2;

    /// <summary>How many BatchImportFindings calls were made, for tests and benchmarks.</summary>
    public int Calls => Volatile.Read(ref _calls);

    private int _calls;

    public async Task<IReadOnlyList<PortResult>> RecordAsync(IReadOnlyList<AlertOutcome> alerts, CancellationToken cancellationToken)
    {
        string productArn;
        try
        {
            productArn = await product(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            return [.. alerts.Select(_ => Failure(ex))];
        }

        // One finding per id: with dedupe off, repeats of an alert in one batch share it, and the last one speaks for them.
        var now = context.Time.GetUtcNow();
        var byId = new Dictionary<string, (byte[] Document, List<int> Alerts)>(StringComparer.Ordinal);
        for (var i = 0; i < alerts.Count; i++)
        {
            var id = FindingDocument.Id(alerts[i]);
            var document = FindingDocument.Write(alerts[i], productArn, context, now);
            byId[id] = byId.TryGetValue(id, out var seen) ? (document, [.. seen.Alerts, i]) : (document, [i]);
        }

        var results = new PortResult[alerts.Count];
        using var gate = new SemaphoreSlim(Concurrency);
        await Task.WhenAll(Batches([.. byId])
            .Select(async batch =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await ImportAsync(batch, results, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
        return results;
    }

    private async Task ImportAsync(List<KeyValuePair<string, (byte[] Document, List<int> Alerts)>> batch, PortResult[] results, CancellationToken cancellationToken)
    {
        FindingFailures reply;
        try
        {
            Interlocked.Increment(ref _calls);
            reply = await client.BatchImportFindingsAsync([.. batch.Select(b => b.Value.Document)], cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            foreach (var index in batch.SelectMany(b => b.Value.Alerts))
            {
                results[index] = Failure(ex);
            }

            return;
        }

        foreach (var (id, (_, indexes)) in batch)
        {
            var result = reply.Failed.TryGetValue(id, out var refused)
                ? new PortResult(ActionStatus.Failed, $"securityhub-error: {refused.Code}: {refused.Message}")
                {
                    Retryable = AwsErrors.IsRetryable(System.Net.HttpStatusCode.OK, refused.Code),
                }
                : new PortResult(ActionStatus.Succeeded, null);
            foreach (var index in indexes)
            {
                results[index] = result;
            }
        }
    }

    private static IEnumerable<List<KeyValuePair<string, (byte[] Document, List<int> Alerts)>>> Batches(List<KeyValuePair<string, (byte[] Document, List<int> Alerts)>> findings)
    {
        var batch = new List<KeyValuePair<string, (byte[] Document, List<int> Alerts)>>();
        var bytes = 0;
        foreach (var finding in findings)
        {
            if (batch.Count == SecurityHubClient.MaxFindings || (batch.Count > 0 && bytes + finding.Value.Document.Length > MaxRequestBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(finding);
            bytes += finding.Value.Document.Length + 1;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static PortResult Failure(AwsServiceException ex) =>
        new(ActionStatus.Failed, $"securityhub-error: {ex.Code}: {ex.ServiceMessage}") { Retryable = ex.Retryable };
}
