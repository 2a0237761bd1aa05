using System.Text;

namespace Responder.Cli;

/// <summary>
/// Makes attacker-influenced text safe to print on a terminal: control characters (escape sequences)
/// and bidirectional overrides are replaced, and long values are cut.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string? text, int max = 200)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "-";
        }

        var builder = new StringBuilder(Math.Min(text.Length, max + 1));
        foreach (var c in text)
        {
            if (builder.Length >= max)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) || IsBidiControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    public static string Fit(string? text, int width)
    {
        var safe = Safe(text, width);
        return safe.Length > width ? safe[..(width - 1)] + "…" : safe.PadRight(width);
    }

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
