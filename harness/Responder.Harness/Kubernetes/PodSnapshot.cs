using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>A pod as stored when read.</summary>
public sealed class PodSnapshot : ObjectSnapshot
{
    internal PodSnapshot(JsonObject json)
        : base(json)
    {
    }

    public string? NodeName => JsonPaths.String(Json, "spec", "nodeName");

    public string? Phase => JsonPaths.String(Json, "status", "phase");
}
