using System.Globalization;
using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// Turns one input document into records, detecting the envelope (<see cref="EnvelopeKind"/>) by its keys.
/// Never throws on input: every failure becomes a rejection, and every record is accounted for.
/// </summary>
/// <param name="limits">Bounds on the input.</param>
/// <param name="mergeKeys">Keys a shipper may nest the alert under.</param>
/// <param name="decided">Called with each record as soon as it is decoded: the pipeline decides it then, while its parse
/// is fresh, and releases the parse, so a batch never holds the parses of all its records at once.</param>
public sealed class EnvelopeDecoder(InputLimits limits, MergeKeys mergeKeys, Action<IngestedRecord>? decided = null)
{
    /// <summary>
    /// Decodes a whole payload (a Lambda event) as the one document of its input; past <c>limits.max_envelope_bytes</c> it
    /// is rejected <c>too-large</c> unread. The decoder checks the bound it owns, so a host needs no copy of the limits.
    /// </summary>
    public IngestBatch DecodePayload(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        Decode(new InputDocument(1, payload, TooLarge: payload.Length > limits.MaxEnvelopeBytes, payload.Length), cancellationToken);

    /// <param name="document">One input document.</param>
    /// <param name="cancellationToken">Stops decoding between records (a Lambda deadline); decoding then throws.</param>
    public IngestBatch Decode(InputDocument document, CancellationToken cancellationToken = default)
    {
        var batch = new IngestBatch();

        // Taken first: whatever becomes of the document, its detached bytes go back to the pool with the batch.
        if (document.Owned is { } owned)
        {
            batch.Adopt(owned);
        }

        var id = document.Line.ToString(CultureInfo.InvariantCulture);
        var origin = new RecordOrigin(EnvelopeKind.Direct, document.Line);
        if (document.Problem is { } problem)
        {
            batch.Records.Add(IngestedRecord.Rejected(id, origin, problem.Code, problem.Message));
            return batch;
        }

        if (document.TooLarge)
        {
            batch.Records.Add(IngestedRecord.Rejected(id, origin, RejectCode.TooLarge, string.Create(
                CultureInfo.InvariantCulture,
                $"input document of {document.Length} bytes exceeds limits.max_envelope_bytes ({limits.MaxEnvelopeBytes})")));
            return batch;
        }

        var json = document.Owned is null ? Copy(batch, document.Bytes) : document.Bytes;
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            var (code, message) = JsonErrors.Classify(ex, json.Span, limits);
            batch.Records.Add(IngestedRecord.Rejected(id, origin, code, message));
            return batch;
        }

        var context = new DecodeContext(batch, new DocumentBudget(limits), mergeKeys, id, origin, cancellationToken) { Decided = decided };
        try
        {
            context.DecodeRoot(batch.Own(parsed).RootElement);
        }
        catch (OperationCanceledException)
        {
            batch.Dispose();
            throw;
        }

        return batch;
    }

    // The reader reuses its buffer; the batch's JSON views must outlive the next read.
    private static ReadOnlyMemory<byte> Copy(IngestBatch batch, ReadOnlyMemory<byte> bytes)
    {
        var copy = batch.Rent(bytes.Length);
        bytes.Span.CopyTo(copy);
        return copy.AsMemory(0, bytes.Length);
    }
}
