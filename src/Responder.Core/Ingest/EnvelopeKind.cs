namespace Responder.Core.Ingest;

/// <summary>How a batch of records arrived: the Lambda event envelope around them.</summary>
public enum EnvelopeKind
{
    /// <summary>A CloudWatch Logs subscription event: <c>{"awslogs":{"data":...}}</c>.</summary>
    CloudWatchLogs,

    /// <summary>Kinesis Data Streams records carrying CloudWatch Logs payloads (or raw records).</summary>
    Kinesis,

    /// <summary>SNS records whose <c>Message</c> is a record.</summary>
    Sns,

    /// <summary>A direct invoke with one record.</summary>
    Direct,

    /// <summary>A direct invoke with a JSON array of records.</summary>
    Array,
}
