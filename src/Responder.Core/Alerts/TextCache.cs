using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Responder.Core.Alerts;

/// <summary>
/// Reuses the strings of values that repeat from alert to alert (rule names, tags, namespaces, nodes),
/// so a batch of a thousand alerts does not allocate the same rule name a thousand times.
/// One bounded cache per thread: no locks, and a flood of distinct values only costs the cache.
/// </summary>
internal static class TextCache
{
    private const int MaxEntries = 4096;
    private const int MaxLength = 256;

    [ThreadStatic]
    private static HashSet<string>? _strings;

    /// <summary>The text of a JSON string value.</summary>
    public static string Get(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length < 2 || raw.Length > MaxLength || raw.IndexOf((byte)'\\') >= 0)
        {
            return LenientText.GetString(value);
        }

        // Sized to the value: a stack buffer is cleared on entry, and most values are a few dozen characters.
        Span<char> chars = stackalloc char[raw.Length];
        if (Utf8.ToUtf16(raw[1..^1], chars, out _, out var written) != OperationStatus.Done)
        {
            return LenientText.GetString(value);
        }

        var text = chars[..written];
        var strings = _strings ??= new HashSet<string>(StringComparer.Ordinal);
        if (strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var cached))
        {
            return cached;
        }

        if (strings.Count >= MaxEntries)
        {
            strings.Clear();
        }

        var created = text.ToString();
        strings.Add(created);
        return created;
    }

    /// <summary>The value as text like <see cref="JsonFields.AsText"/>, cached when it is a string.</summary>
    public static string? AsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? Get(value) : JsonFields.AsText(value);
}
