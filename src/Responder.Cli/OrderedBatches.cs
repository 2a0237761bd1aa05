using Responder.Core.Ingest;
using Responder.Core.Response;

namespace Responder.Cli;

/// <summary>
/// Decodes and decides documents on all cores while handing results back strictly in input order, so
/// acting and reporting stay sequential. At most one batch per core is in flight, which bounds memory.
/// </summary>
internal sealed class OrderedBatches(EnvelopeDecoder decoder, ResponsePipeline pipeline) : IDisposable
{
    private static readonly int MaxInFlight = Math.Max(2, Environment.ProcessorCount);
    private readonly Queue<Task<Decided>> _inFlight = new();

    /// <summary>Starts work on a document; returns a finished batch, in order, once enough are in flight.</summary>
    public async Task<Decided?> AddAsync(InputDocument document)
    {
        // The reader reuses its buffer on the next read: the worker gets the document's own copy, which its batch keeps.
        var owned = document.Detach();
        _inFlight.Enqueue(Task.Run(() =>
        {
            var batch = decoder.Decode(owned);
            return new Decided(batch, pipeline.Decide(batch));
        }));

        return _inFlight.Count >= MaxInFlight ? await _inFlight.Dequeue().ConfigureAwait(false) : null;
    }

    /// <summary>The batch that finishes next in input order, or null when none is in flight.</summary>
    public async Task<Decided?> NextAsync() => _inFlight.Count > 0 ? await _inFlight.Dequeue().ConfigureAwait(false) : null;

    public void Dispose()
    {
        while (_inFlight.TryDequeue(out var pending))
        {
            if (pending.IsCompletedSuccessfully)
            {
                pending.Result.Batch.Dispose();
            }
        }
    }

    /// <summary>A decoded batch and its decisions; dispose the batch once reported.</summary>
    internal sealed record Decided(IngestBatch Batch, BatchResult Result);
}
