namespace Responder.Core.Ingest;

/// <summary>Bounds on untrusted input. Past a bound, the records concerned are rejected <c>too-large</c>.</summary>
/// <param name="MaxEnvelopeBytes">Largest envelope: a raw input document, or a decompressed payload.</param>
/// <param name="MaxMessageBytes">Largest single log message or record.</param>
/// <param name="MaxJsonDepth">Deepest JSON nesting accepted anywhere.</param>
public sealed record InputLimits(int MaxEnvelopeBytes, int MaxMessageBytes, int MaxJsonDepth)
{
    public static readonly InputLimits Default = new(32 * 1024 * 1024, 256 * 1024, 64);

    /// <summary>
    /// All the gzip payloads of one input document (a Lambda event, a line of the CLI's input) may inflate to this many
    /// bytes together: a few kilobytes of gzip must not become gigabytes across the payloads of a Kinesis batch.
    /// </summary>
    public long MaxDocumentInflatedBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Lines of one pretty-printed document of line-delimited input (the CLI's): one that runs longer is rejected.</summary>
    public int MaxDocumentLines { get; init; } = DocumentReader.DefaultMaxLines;

    /// <summary>Records decoded from one input document: what each costs in memory is bounded by this many.</summary>
    public int MaxDocumentRecords { get; init; } = 20_000;
}
