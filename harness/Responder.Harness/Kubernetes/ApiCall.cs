using System.Text.Json;
using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>An authenticated request on its way to the handler for its target.</summary>
internal sealed record ApiCall(RecordedRequest Request, ApiTarget Target)
{
    public string Method => Request.Method;

    public string? Query(string name) => Request.QueryValue(name);

    /// <summary>dryRun=All: everything but the write, as the server does it.</summary>
    public bool DryRun => Query("dryRun") == "All";

    /// <summary>The body as JSON; null when empty; 400 when it is not JSON.</summary>
    public JsonNode? Json()
    {
        if (string.IsNullOrWhiteSpace(Request.Body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Request.Body);
        }
        catch (JsonException ex)
        {
            throw ApiStatusException.BadRequest($"json parse error: {ex.Message}");
        }
    }

    /// <summary>The body as an object; 400 when missing or not an object.</summary>
    public JsonObject Object() => Json() as JsonObject
        ?? throw ApiStatusException.BadRequest("the request body must be a JSON object");

    /// <summary>POST and PUT bodies must be JSON (the fake does not speak YAML or protobuf).</summary>
    public void RequireJsonBody()
    {
        if (Request.MediaType is not "application/json")
        {
            throw ApiStatusException.UnsupportedMediaType(Request.ContentType ?? "none", "application/json");
        }
    }
}
