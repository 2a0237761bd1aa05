namespace Responder.Core.Ingest;

/// <summary>
/// What one input document may still cost: inflated bytes and records. Shared by every payload of the document, so
/// amplification is bounded per document (and so per Lambda invocation), not only per payload.
/// </summary>
internal sealed class DocumentBudget(InputLimits limits)
{
    public long InflatedLeft { get; private set; } = limits.MaxDocumentInflatedBytes;

    public int RecordsLeft { get; private set; } = limits.MaxDocumentRecords;

    /// <summary>True once a Kinesis record of the document has been decoded: the records after it can be left to a retry.</summary>
    public bool KinesisDecoded { get; set; }

    public InputLimits Limits => limits;

    /// <summary>The cap for the next payload: the per-payload limit, or what the document has left if less.</summary>
    public int NextPayloadCap => (int)Math.Min(limits.MaxEnvelopeBytes, InflatedLeft);

    public void Inflated(int bytes) => InflatedLeft = Math.Max(0, InflatedLeft - bytes);

    public void Record() => RecordsLeft = Math.Max(0, RecordsLeft - 1);

    public string InflatedBudget => $"limits.max_document_inflated_bytes ({limits.MaxDocumentInflatedBytes})";

    public string RecordBudget => $"limits.max_document_records ({limits.MaxDocumentRecords})";
}
