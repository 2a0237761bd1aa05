namespace Responder.Core.Alerts;

/// <summary>
/// Strips the "time: Priority " prefix Falco puts in front of <c>output</c>, in either time format
/// (<c>13:44:05.478445995: Critical ...</c> or <c>2024-05-07T18:54:19.341081180+0000: Warning ...</c>),
/// so the text is stable across repeats of the same event.
/// </summary>
public static class OutputPrefix
{
    public static string Strip(string output)
    {
        var text = StripSpan(output);
        return text.Length == output.Length ? output : text.ToString();
    }

    /// <summary>The same, without copying: for keys that are hashed and never kept.</summary>
    public static ReadOnlySpan<char> StripSpan(string output)
    {
        var text = output.AsSpan();
        var separator = text.IndexOf(": ");
        if (separator <= 0 || !IsTimestamp(text[..separator]))
        {
            return text;
        }

        var rest = text[(separator + 2)..];
        var space = rest.IndexOf(' ');
        var word = space < 0 ? rest : rest[..space];
        if (FalcoPriorities.Parse(word) == FalcoPriority.Unknown)
        {
            return text;
        }

        return space < 0 ? [] : rest[(space + 1)..].TrimStart();
    }

    /// <summary>Whether the output's time prefix is this time: its time of day to the second, in either format.</summary>
    public static bool StartsWithTime(string output, DateTimeOffset time)
    {
        var text = output.AsSpan();
        var separator = text.IndexOf(": ");
        if (separator <= 0 || !IsTimestamp(text[..separator]))
        {
            return false;
        }

        // 13:44:05.478445995 or 2024-05-07T18:54:19.341081180+0000: the time of day follows the 'T' when there is one.
        var prefix = text[..separator];
        var clock = prefix.IndexOf('T') is var t and >= 0 ? prefix[(t + 1)..] : prefix;
        Span<char> expected = stackalloc char[8];
        return time.UtcDateTime.TryFormat(expected, out var written, "HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            && written == 8 && clock.StartsWith(expected);
    }

    /// <summary>How many bytes of the UTF-8 output the prefix takes, spaces after it included; 0 when there is none.</summary>
    public static int PrefixLength(ReadOnlySpan<byte> output)
    {
        var separator = output.IndexOf(": "u8);
        if (separator <= 0 || !IsTimestamp(output[..separator]))
        {
            return 0;
        }

        var restStart = separator + 2;
        var rest = output[restStart..];
        var space = rest.IndexOf((byte)' ');
        var word = space < 0 ? rest : rest[..space];
        if (FalcoPriorities.Parse(word) == FalcoPriority.Unknown)
        {
            return 0;
        }

        if (space < 0)
        {
            return output.Length;
        }

        var after = restStart + space + 1;
        while (after < output.Length && output[after] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            after++;
        }

        return after;
    }

    private static bool IsTimestamp(ReadOnlySpan<byte> text)
    {
        if (text.Length < 8 || !char.IsAsciiDigit((char)text[0]) || text.IndexOf((byte)':') < 0)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (!char.IsAsciiDigit((char)b) && b is not ((byte)':' or (byte)'.' or (byte)'-' or (byte)'+' or (byte)'T' or (byte)'Z'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTimestamp(ReadOnlySpan<char> text)
    {
        // Both formats start with a digit and contain a time of day; nothing else may appear.
        if (text.Length < 8 || !char.IsAsciiDigit(text[0]) || text.IndexOf(':') < 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (':' or '.' or '-' or '+' or 'T' or 'Z'))
            {
                return false;
            }
        }

        return true;
    }
}
