using Responder.Core.Config;

namespace Responder.Aws.Sns;

/// <summary>What every message of a deployment shares: the topic, the cluster it speaks of, how many messages an invocation sends.</summary>
public sealed record NotificationContext(string TopicArn, string? ClusterName, int MaxMessages)
{
    /// <summary>SNS takes 256 KiB for body and attributes together; this leaves room for the attributes.</summary>
    public int MaxBodyBytes { get; init; } = 250_000;

    /// <summary>Plain text, or the chat card JSON of Amazon Q Developer in chat applications; subjects and attributes are the same.</summary>
    public NotificationFormat Format { get; init; } = NotificationFormat.Text;

    public bool Chat => Format == NotificationFormat.Chat;
}
