using System.Globalization;

namespace Responder.Core.Alerts;

/// <summary>Falco's ISO-8601 times: they carry nanoseconds, more digits than .NET parses.</summary>
public static class FalcoTime
{
    /// <summary>
    /// True for an ISO-8601 UTC time as Falco writes it: <c>2024-05-07T18:54:19.341081180Z</c>, or with an
    /// offset (<c>+0000</c>, <c>+00:00</c>). Checks the text without allocating; run for every alert.
    /// </summary>
    public static bool IsIso8601(ReadOnlySpan<byte> text)
    {
        if (text.Length < 20 || text.Length > 40
            || !Number(text, 0, 4, 0, 9999, out _) || text[4] != '-' || !Number(text, 5, 2, 1, 12, out _)
            || text[7] != '-' || !Number(text, 8, 2, 1, 31, out _) || text[10] is not ((byte)'T' or (byte)' ')
            || !Number(text, 11, 2, 0, 23, out _) || text[13] != ':' || !Number(text, 14, 2, 0, 59, out _)
            || text[16] != ':' || !Number(text, 17, 2, 0, 60, out _))
        {
            return false;
        }

        var rest = text[19..];
        if (rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit((char)rest[digits]))
            {
                digits++;
            }

            if (digits is 1 or > 10)
            {
                return false;
            }

            rest = rest[digits..];
        }

        return rest.SequenceEqual("Z"u8)
            || (rest.Length is 5 or 6 && rest[0] is (byte)'+' or (byte)'-' && Number(rest, 1, 2, 0, 23, out _)
                && (rest.Length == 5 ? Number(rest, 3, 2, 0, 59, out _) : rest[3] == ':' && Number(rest, 4, 2, 0, 59, out _)));
    }

    private static bool Number(ReadOnlySpan<byte> text, int start, int length, int min, int max, out int value)
    {
        value = 0;
        foreach (var b in text.Slice(start, length))
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return value >= min && value <= max;
    }

    /// <summary>Reads a time <see cref="IsIso8601"/> accepts; digits past the seventh (100 ns) are dropped.</summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || text.Length > 40 || !IsIso8601(System.Text.Encoding.ASCII.GetBytes(text)))
        {
            return false;
        }

        // IsIso8601 has checked the shape: seconds end at 19, then an optional fraction, then Z or an offset.
        var rest = text.AsSpan(19);
        var fraction = ReadOnlySpan<char>.Empty;
        if (rest[0] == '.')
        {
            var digits = 0;
            while (char.IsAsciiDigit(rest[digits + 1]))
            {
                digits++;
            }

            fraction = rest.Slice(1, digits);
            rest = rest[(digits + 1)..];
        }

        var offset = rest switch
        {
            "Z" => "+00:00",
            { Length: 5 } => string.Concat(rest[..3], ":".AsSpan(), rest[3..]),
            _ => rest.ToString(),
        };
        var normal = $"{text.AsSpan(0, 10)}T{text.AsSpan(11, 8)}.{fraction[..Math.Min(7, fraction.Length)].ToString().PadRight(7, '0')}{offset}";
        return DateTimeOffset.TryParseExact(normal, "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
