using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Responder.Core.Alerts;

/// <summary>
/// Reads JSON strings that parse but are not valid text: invalid UTF-8, or an escaped unpaired UTF-16
/// surrogate (<c>"\ud800"</c>), on which the runtime throws. Such bytes are attacker-chosen (a process
/// named with invalid UTF-8 is enough); they become U+FFFD, so odd text can never make an alert vanish.
/// </summary>
public static class LenientText
{
    private const char Replacement = '\uFFFD';

    /// <summary>The string's text; unreadable parts become U+FFFD.</summary>
    public static string GetString(JsonElement value)
    {
        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            var raw = JsonMarshal.GetRawUtf8Value(value);
            return Decode(raw.Length >= 2 && raw[0] == '"' ? raw[1..^1] : raw);
        }
    }

    /// <summary>Unescapes the raw content of a JSON string (without its quotes) by JSON's rules, replacing what is not text.</summary>
    public static string Decode(ReadOnlySpan<byte> raw)
    {
        var text = Encoding.UTF8.GetString(raw);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                builder.Append(text[i]);
                continue;
            }

            var escape = text[++i];
            if (escape != 'u')
            {
                builder.Append(escape switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => escape });
                continue;
            }

            var unit = Hex(text, i + 1);
            i += unit is null ? 0 : 4;
            if (unit is not { } code)
            {
                builder.Append(Replacement);
            }
            else if (char.IsHighSurrogate(code) && i + 6 < text.Length && text[i + 1] == '\\' && text[i + 2] == 'u'
                && Hex(text, i + 3) is { } low && char.IsLowSurrogate(low))
            {
                builder.Append(code).Append(low);
                i += 6;
            }
            else
            {
                builder.Append(char.IsSurrogate(code) ? Replacement : code);
            }
        }

        return builder.ToString();
    }

    private static char? Hex(string text, int start) =>
        start + 4 <= text.Length && ushort.TryParse(text.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? (char)value
            : null;
}
