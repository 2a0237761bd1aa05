using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>A copy of a stored object as it was when read: later writes do not change it, nor does it change the store.</summary>
public class ObjectSnapshot
{
    internal ObjectSnapshot(JsonObject json) => Json = json;

    /// <summary>The whole object as the server would serve it (a private copy).</summary>
    public JsonObject Json { get; }

    public string Kind => JsonPaths.String(Json, "kind") ?? string.Empty;

    public string? Namespace => JsonPaths.String(Json, "metadata", "namespace");

    public string Name => JsonPaths.String(Json, "metadata", "name") ?? string.Empty;

    public string Uid => JsonPaths.String(Json, "metadata", "uid") ?? string.Empty;

    public string ResourceVersion => JsonPaths.String(Json, "metadata", "resourceVersion") ?? string.Empty;

    public IReadOnlyDictionary<string, string> Labels => JsonPaths.StringMap(Json, "metadata", "labels");

    public IReadOnlyDictionary<string, string> Annotations => JsonPaths.StringMap(Json, "metadata", "annotations");

    public IReadOnlyList<OwnerSnapshot> Owners =>
    [
        .. JsonPaths.Objects(Json, "metadata", "ownerReferences").Select(o => new OwnerSnapshot(
            JsonPaths.String(o, "apiVersion") ?? string.Empty,
            JsonPaths.String(o, "kind") ?? string.Empty,
            JsonPaths.String(o, "name") ?? string.Empty,
            JsonPaths.String(o, "uid") ?? string.Empty,
            JsonPaths.Bool(o, "controller"))),
    ];

    public override string ToString() => Json.ToJsonString();
}
