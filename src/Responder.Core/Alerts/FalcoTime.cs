using System.Globalization;

namespace Responder.Core.Alerts;

/// <summary>Parses Falco's ISO-8601 times, which carry nanoseconds (more digits than .NET parses).</summary>
public static class FalcoTime
{
    private const int MaxFractionDigits = 7;

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        var span = text.AsSpan();
        var dot = span.IndexOf('.');
        if (dot > 0)
        {
            var digits = 0;
            while (dot + 1 + digits < span.Length && char.IsAsciiDigit(span[dot + 1 + digits]))
            {
                digits++;
            }

            if (digits > MaxFractionDigits)
            {
                text = string.Concat(span[..(dot + 1 + MaxFractionDigits)], span[(dot + 1 + digits)..]);
            }
        }

        text = NormalizeOffset(text);
        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
    }

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    // "+0000" (Falco's time_format_iso_8601) becomes "+00:00", which .NET understands.
    private static string NormalizeOffset(string text)
    {
        if (text.Length > 5 && text[^5] is '+' or '-' && IsDigits(text.AsSpan(text.Length - 4)))
        {
            return string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return text;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
