namespace Responder.Core.Ingest;

/// <summary>
/// Where a record came from. Shared by the records of one envelope; trust decisions and
/// Kinesis partial-batch responses are made from it.
/// </summary>
public sealed record RecordOrigin(EnvelopeKind Envelope, int Line)
{
    /// <summary>True when the record came in a CloudWatch Logs payload (subscription or Kinesis), which names its log group and stream.</summary>
    public bool FromLogGroup { get; init; }

    public string? LogGroup { get; init; }

    public string? LogStream { get; init; }

    public string? Owner { get; init; }

    /// <summary>The Kinesis sequence number of the record that carried this payload.</summary>
    public string? SequenceNumber { get; init; }

    /// <summary>True when the records came inside a drill wrapper.</summary>
    public bool Drill { get; init; }

    public string? DrillMarker { get; init; }
}
