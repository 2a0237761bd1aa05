using System.Text.Json.Nodes;

namespace Responder.TestSupport.Kubernetes;

/// <summary>A status code and the JSON body to send with it.</summary>
internal sealed record ApiReply(int Code, JsonNode Body);
