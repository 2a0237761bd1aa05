namespace Responder.Core.Alerts;

/// <summary>
/// The tag lists read last, by the JSON they were read from: Falco writes the same list for every alert of a rule.
/// A few per thread, replaced round robin; no locks, and a flood of distinct lists only costs the comparisons.
/// </summary>
internal static class TagCache
{
    private const int Size = 16;
    private const int MaxBytes = 1024;

    [ThreadStatic]
    private static (byte[] Raw, string[] Tags)[]? _entries;

    [ThreadStatic]
    private static int _next;

    public static string[]? Find(ReadOnlySpan<byte> raw)
    {
        foreach (var (known, tags) in _entries ?? [])
        {
            if (known is not null && known.AsSpan().SequenceEqual(raw))
            {
                return tags;
            }
        }

        return null;
    }

    public static void Add(ReadOnlySpan<byte> raw, string[] tags)
    {
        if (raw.Length > MaxBytes)
        {
            return;
        }

        var entries = _entries ??= new (byte[], string[])[Size];
        entries[_next] = (raw.ToArray(), tags);
        _next = (_next + 1) % Size;
    }
}
