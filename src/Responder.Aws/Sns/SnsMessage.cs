namespace Responder.Aws.Sns;

/// <summary>One SNS Publish: the message, and for FIFO topics its group and deduplication ids.</summary>
public sealed record SnsMessage(string TopicArn, string Subject, string Message)
{
    /// <summary>Message attributes for subscription filter policies, each sent with its own data type.</summary>
    public IReadOnlyList<SnsAttribute> Attributes { get; init; } = [];

    public string? GroupId { get; init; }

    public string? DeduplicationId { get; init; }

    public static bool IsFifo(string topicArn) => topicArn.EndsWith(".fifo", StringComparison.Ordinal);
}
