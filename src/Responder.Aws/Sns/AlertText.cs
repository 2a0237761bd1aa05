using System.Globalization;
using System.Text;

namespace Responder.Aws.Sns;

/// <summary>
/// Text from an alert made fit for one line of a message or an attribute value. A line break in a
/// command line could otherwise start a forged "User:" or "Actions:" line of the message, and SNS
/// refuses text that XML refuses. Such characters become visible escapes (<c>\n</c>, <c>\u2028</c>):
/// the reader sees that they were there; the alert JSON at the end of the message keeps the exact text.
/// </summary>
public static class AlertText
{
    public const string CutMarker = " [...]";

    /// <summary>
    /// The text on one line, at most <paramref name="maxChars"/> characters of it, then <paramref name="marker"/>
    /// if some was cut. A cut never splits a character or an escape.
    /// </summary>
    public static string OneLine(string text, int maxChars, string marker = CutMarker)
    {
        var line = new StringBuilder(Math.Min(text.Length, maxChars) + marker.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var escape = pair ? null : Escape(c);
            if (line.Length + (pair ? 2 : escape?.Length ?? 1) > maxChars)
            {
                return line.Append(marker).ToString();
            }

            if (pair)
            {
                line.Append(c).Append(text[++i]);
            }
            else if (escape is not null)
            {
                line.Append(escape);
            }
            else
            {
                line.Append(c);
            }
        }

        return line.ToString();
    }

    /// <summary>
    /// The raw text of a JSON value with what JSON allows unescaped inside a string (NEL, U+2028, DEL...: what
    /// <see cref="OneLine"/> escapes) written as a JSON escape: the same JSON, whose strings cannot break a line.
    /// Tabs and line breaks, which valid JSON has raw only between tokens, stay.
    /// </summary>
    public static string Json(string raw)
    {
        StringBuilder? text = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                text?.Append(c).Append(raw[i + 1]);
                i++;
            }
            else if (c is not ('\n' or '\r' or '\t') && MustEscape(c))
            {
                text ??= new StringBuilder(raw.Length + 16).Append(raw, 0, i);
                text.Append(Unicode(c));
            }
            else
            {
                text?.Append(c);
            }
        }

        return text?.ToString() ?? raw;
    }

    /// <summary>The escape shown instead of a character that must not reach the message as it is, or null.</summary>
    private static string? Escape(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ when MustEscape(c) => Unicode(c),
        _ => null,
    };

    // C0, DEL and C1 (NEL among them); line and paragraph separators; lone surrogates and the two
    // non-characters XML refuses; and the bidirectional controls, which reorder what a reader sees.
    private static bool MustEscape(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF'
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Unicode(char c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
}
