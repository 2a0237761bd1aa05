using System.Globalization;

namespace Responder.Core.State;

internal static class StateText
{
    /// <summary>A window as people write it: 90s, 5m, 1h, 1h30m.</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (long)span.TotalSeconds;
        var parts = new List<string>();
        foreach (var (unit, size) in new[] { ("d", 86_400L), ("h", 3_600L), ("m", 60L), ("s", 1L) })
        {
            if (seconds >= size)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds / size}{unit}"));
                seconds %= size;
            }
        }

        return parts.Count == 0 ? "0s" : string.Concat(parts);
    }
}
