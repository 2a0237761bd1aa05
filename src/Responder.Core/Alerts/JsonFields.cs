using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Responder.Core.Alerts;

/// <summary>
/// Tolerant reads from attacker-shaped JSON: keys match exactly first, then ignoring ASCII case
/// (<c>"Rule"</c> is seen in the wild); any value type becomes text; nothing throws.
/// When a key appears twice, the first occurrence wins, always.
/// </summary>
public static class JsonFields
{
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        JsonElement? caseless = null;
        var ascii = Ascii.IsValid(name);
        foreach (var property in obj.EnumerateObject())
        {
            // An ASCII name: raw bytes without escapes compare as they are, with no transcoding of the name per property.
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (!ascii || raw.IndexOf((byte)'\\') >= 0 ? property.NameEquals(name) : raw.Length == name.Length && Ascii.Equals(raw, name))
            {
                value = property.Value;
                return true;
            }

            if (caseless is null && NameEqualsIgnoreCase(property, name))
            {
                caseless = property.Value;
            }
        }

        if (caseless is { } found)
        {
            value = found;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Looks up several keys in one pass over the object, with the rules of <see cref="TryGet"/>:
    /// an exact name wins, else the first name equal ignoring ASCII case. Missing keys stay undefined.
    /// </summary>
    public static void Find(JsonElement obj, ReadOnlySpan<string> names, Span<JsonElement> values)
    {
        values.Clear();
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        Span<bool> exact = stackalloc bool[names.Length];
        var remaining = names.Length;
        foreach (var property in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.IndexOf((byte)'\\') >= 0)
            {
                FindEscaped(property, names, values, exact, ref remaining);
            }
            else
            {
                for (var i = 0; i < names.Length; i++)
                {
                    // Lengths differ for nearly every pair: the cheap test first (ASCII names, unescaped raw bytes).
                    if (exact[i] || raw.Length != names[i].Length)
                    {
                        continue;
                    }

                    if (Ascii.Equals(raw, names[i]))
                    {
                        values[i] = property.Value;
                        exact[i] = true;
                        remaining--;
                    }
                    else if (values[i].ValueKind == JsonValueKind.Undefined && Ascii.EqualsIgnoreCase(raw, names[i]))
                    {
                        values[i] = property.Value;
                    }
                }
            }

            if (remaining == 0)
            {
                return;
            }
        }
    }

    private static void FindEscaped(JsonProperty property, ReadOnlySpan<string> names, Span<JsonElement> values, Span<bool> exact, ref int remaining)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (exact[i])
            {
                continue;
            }

            if (property.NameEquals(names[i]))
            {
                values[i] = property.Value;
                exact[i] = true;
                remaining--;
            }
            else if (values[i].ValueKind == JsonValueKind.Undefined && string.Equals(property.Name, names[i], StringComparison.OrdinalIgnoreCase))
            {
                values[i] = property.Value;
            }
        }
    }

    /// <summary>The value as text: strings as they are, numbers and booleans as written, arrays and objects as JSON, null as null.</summary>
    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => LenientText.GetString(value),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    public static string? GetText(JsonElement obj, string name) =>
        TryGet(obj, name, out var value) ? AsText(value) : null;

    /// <summary>A value Falco or a shipper uses to say "no value": null, empty, or Falco's <c>&lt;NA&gt;</c>.</summary>
    public static bool IsMissing(string? text) => string.IsNullOrWhiteSpace(text) || text == "<NA>";

    private static bool NameEqualsIgnoreCase(JsonProperty property, string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return raw.Length == name.Length && Ascii.EqualsIgnoreCase(raw, name);
        }

        return string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
    }
}
