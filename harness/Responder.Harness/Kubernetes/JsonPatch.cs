using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// JSON patch (RFC 6902), all six operations, applied in order to a copy: one failing operation
/// (a "test" that does not hold, a path that is not there) fails the whole patch.
/// </summary>
internal static class JsonPatch
{
    /// <summary>Throws FormatException for a malformed patch document (400), JsonPatchException for one that does not apply (422).</summary>
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new FormatException("a JSON patch must be an array of operations");
        }

        var root = document?.DeepClone();
        foreach (var node in operations)
        {
            var operation = node as JsonObject ?? throw new FormatException("a JSON patch operation must be an object");
            var op = JsonPaths.String(operation, "op") ?? throw new FormatException("a JSON patch operation needs op");
            var path = JsonPointer.Parse(JsonPaths.String(operation, "path") ?? throw new FormatException($"{op} needs path"));
            root = op switch
            {
                "add" => Add(root, path, Value(operation, op)),
                "remove" => Remove(root, path, out _),
                "replace" => Add(Remove(root, path, out _), path, Value(operation, op)),
                "test" => Test(root, path, Value(operation, op)),
                "move" => Move(root, From(operation, op), path),
                "copy" => Add(root, path, Copy(root, From(operation, op))),
                _ => throw new FormatException($"unexpected JSON patch operation {op}"),
            };
        }

        return root;
    }

    private static JsonNode? Value(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new FormatException($"{op} needs value");

    private static JsonPointer From(JsonObject operation, string op) =>
        JsonPointer.Parse(JsonPaths.String(operation, "from") ?? throw new FormatException($"{op} needs from"));

    private static JsonNode? Add(JsonNode? root, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (path.Parent(root))
        {
            case JsonObject obj:
                obj[path.Last] = value;
                break;
            case JsonArray array:
                array.Insert(JsonPointer.Index(array, path.Last, allowEnd: true), value);
                break;
            default:
                throw path.Missing();
        }

        return root;
    }

    private static JsonNode? Remove(JsonNode? root, JsonPointer path, out JsonNode? removed)
    {
        if (path.IsRoot)
        {
            removed = root;
            return null;
        }

        switch (path.Parent(root))
        {
            case JsonObject obj when obj.TryGetPropertyValue(path.Last, out removed):
                obj.Remove(path.Last);
                break;
            case JsonArray array:
                var index = JsonPointer.Index(array, path.Last, allowEnd: false);
                removed = array[index];
                array.RemoveAt(index);
                break;
            default:
                throw path.Missing();
        }

        return root;
    }

    private static JsonNode? Move(JsonNode? root, JsonPointer from, JsonPointer path)
    {
        if (path.Text.StartsWith(from.Text + "/", StringComparison.Ordinal))
        {
            throw new JsonPatchException($"cannot move {from.Text} into its own child {path.Text}");
        }

        root = Remove(root, from, out var value);
        return Add(root, path, value);
    }

    private static JsonNode? Copy(JsonNode? root, JsonPointer from)
    {
        var value = from.Resolve(root, out var found);
        return found ? value?.DeepClone() : throw from.Missing();
    }

    private static JsonNode? Test(JsonNode? root, JsonPointer path, JsonNode? expected)
    {
        var actual = path.Resolve(root, out var found);
        if (!found || !JsonNode.DeepEquals(actual, expected))
        {
            var shown = found ? actual?.ToJsonString() ?? "null" : "(missing)";
            throw new JsonPatchException($"testing value {path.Text} failed: test operation does not apply: is: {shown}, expected: {expected?.ToJsonString() ?? "null"}");
        }

        return root;
    }
}
