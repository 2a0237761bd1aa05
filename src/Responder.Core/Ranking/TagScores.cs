namespace Responder.Core.Ranking;

/// <summary>
/// The tag points of recent tag lists. The alerts of one rule share one list (the reader reuses it while the
/// list's text repeats), so the lookups and sub-technique cuts of a list are made once, not per alert.
/// Per thread, as batches are decided on several at once; keyed by reference, so a list is never mistaken.
/// </summary>
internal static class TagScores
{
    private const int Size = 16;

    [ThreadStatic]
    private static Entry[]? _entries;

    [ThreadStatic]
    private static int _next;

    public static Entry? Find(RankingOptions options, IReadOnlyList<string> tags)
    {
        foreach (var entry in _entries ?? [])
        {
            if (entry is not null && ReferenceEquals(entry.Tags, tags) && ReferenceEquals(entry.Options, options))
            {
                return entry;
            }
        }

        return null;
    }

    public static void Add(Entry entry)
    {
        var entries = _entries ??= new Entry[Size];
        entries[_next] = entry;
        _next = (_next + 1) % Size;
    }

    internal sealed record Entry(RankingOptions Options, IReadOnlyList<string> Tags, int Total, ScoreTerm[] Terms);
}
