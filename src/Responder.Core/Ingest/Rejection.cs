namespace Responder.Core.Ingest;

/// <summary>A record that did not become an alert, with a message a person can act on.</summary>
public sealed record Rejection(string Id, RejectCode Code, string Message)
{
    /// <summary>
    /// The Kinesis sequence number of a record left undecoded because the invocation's budget was spent by the records
    /// before it: a Kinesis host hands it back to be retried (a later invocation starts with it), so it is not lost.
    /// </summary>
    public string? RetrySequence { get; init; }
}
