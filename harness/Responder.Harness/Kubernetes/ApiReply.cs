using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>A status code and the JSON body to send with it, or plain text (pods/log).</summary>
internal sealed record ApiReply(int Code, JsonNode Body)
{
    /// <summary>When set, sent as text/plain instead of <see cref="Body"/>.</summary>
    public byte[]? Text { get; init; }
}
