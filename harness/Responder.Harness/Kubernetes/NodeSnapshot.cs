using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>A node as stored when read.</summary>
public sealed class NodeSnapshot : ObjectSnapshot
{
    internal NodeSnapshot(JsonObject json)
        : base(json)
    {
    }

    public bool Unschedulable => JsonPaths.Bool(Json, "spec", "unschedulable");

    public IReadOnlyList<TaintSnapshot> Taints =>
    [
        .. JsonPaths.Objects(Json, "spec", "taints").Select(t => new TaintSnapshot(
            JsonPaths.String(t, "key") ?? string.Empty,
            JsonPaths.String(t, "value"),
            JsonPaths.String(t, "effect") ?? string.Empty)),
    ];

    public bool Ready => JsonPaths.Objects(Json, "status", "conditions")
        .Any(c => JsonPaths.String(c, "type") == "Ready" && JsonPaths.String(c, "status") == "True");
}
