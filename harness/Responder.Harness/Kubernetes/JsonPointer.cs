using System.Globalization;
using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>An RFC 6901 pointer split into its unescaped reference tokens.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public string Last => Tokens[^1];

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw new FormatException($"invalid JSON pointer {text}: it must start with /");
        }

        return new JsonPointer(text, [.. text[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~"))]);
    }

    /// <summary>The node holding the last token: what add, remove and replace work on.</summary>
    public JsonNode Parent(JsonNode? root)
    {
        var node = root;
        foreach (var token in Tokens.Take(Tokens.Count - 1))
        {
            node = Child(node, token) ?? throw Missing();
        }

        return node ?? throw Missing();
    }

    public JsonNode? Resolve(JsonNode? root, out bool found)
    {
        var node = root;
        foreach (var token in Tokens)
        {
            if (!TryChild(node, token, out node))
            {
                found = false;
                return null;
            }
        }

        found = true;
        return node;
    }

    /// <summary>An existing array position; "-" only where the caller allows appending.</summary>
    public static int Index(JsonArray array, string token, bool allowEnd)
    {
        if (allowEnd && token == "-")
        {
            return array.Count;
        }

        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit)
            || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index > (allowEnd ? array.Count : array.Count - 1))
        {
            throw new JsonPatchException($"array index {token} is out of range (length {array.Count})");
        }

        return index;
    }

    public JsonPatchException Missing() => new($"path {Text} does not exist: missing value");

    private static JsonNode? Child(JsonNode? node, string token) => TryChild(node, token, out var child) ? child : null;

    private static bool TryChild(JsonNode? node, string token, out JsonNode? child)
    {
        child = null;
        switch (node)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(token, out child);
            case JsonArray array when token.Length > 0 && token.All(char.IsAsciiDigit)
                && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                child = array[index];
                return true;
            default:
                return false;
        }
    }
}
