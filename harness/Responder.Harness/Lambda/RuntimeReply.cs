using System.Text;
using System.Text.Json.Nodes;

namespace Responder.Harness.Lambda;

/// <summary>What the bootstrap posted back: a response, or an error with its type header.</summary>
public sealed record RuntimeReply(
    string? RequestId, bool IsError, byte[] Body, string? ErrorTypeHeader, DateTimeOffset? DeliveredAt, DateTimeOffset PostedAt, DateTimeOffset? Deadline)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The reply as JSON.</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
