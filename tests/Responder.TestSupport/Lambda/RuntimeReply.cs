using System.Text;
using System.Text.Json.Nodes;

namespace Responder.TestSupport.Lambda;

/// <summary>What the bootstrap posted back: a response, or an error with its type header.</summary>
public sealed record RuntimeReply(
    string? RequestId, bool IsError, byte[] Body, string? ErrorTypeHeader, DateTimeOffset? DeliveredAt, DateTimeOffset PostedAt, DateTimeOffset? Deadline)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The reply as JSON; a report in it (whole, or its summary alone) is held to docs/report.schema.json.</summary>
    public JsonObject Json => ReportSchema.ValidReply(JsonNode.Parse(Body)!.AsObject());
}
