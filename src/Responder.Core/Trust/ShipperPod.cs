using System.Text.Json;
using Responder.Core.Alerts;

namespace Responder.Core.Trust;

/// <summary>
/// The pod a log shipper says wrote a line, from Fluent Bit's <c>kubernetes</c> block. Keys are read
/// exactly as Fluent Bit writes them, first occurrence; a value that is not a string counts as absent.
/// </summary>
internal readonly record struct ShipperPod(string? Namespace, string? Container, string? Name, JsonElement? Labels)
{
    public static ShipperPod Read(JsonElement meta)
    {
        var labels = First(meta, "labels") is { ValueKind: JsonValueKind.Object } value ? value : (JsonElement?)null;
        return new ShipperPod(String(meta, "namespace_name"), String(meta, "container_name"), String(meta, "pod_name"), labels);
    }

    public static string? String(JsonElement obj, string name) =>
        First(obj, name) is { ValueKind: JsonValueKind.String } value ? LenientText.GetString(value) : null;

    // TryGetProperty would give the last of duplicate keys; the rest of the responder reads the first.
    private static JsonElement? First(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                return property.Value;
            }
        }

        return null;
    }
}
