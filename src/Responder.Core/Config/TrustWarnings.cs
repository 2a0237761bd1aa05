namespace Responder.Core.Config;

/// <summary>
/// The log group and stream allow-lists trust a record that carries no evidence of who wrote it on where it
/// was written alone. That is sound only where nothing but Falco writes, which no configuration can check:
/// so every configuration that has them says so, louder when a pattern takes every group or stream.
/// </summary>
internal static class TrustWarnings
{
    /// <param name="what">"log group" or "log stream".</param>
    /// <param name="path">Where the list was given: a key path, or the environment variable.</param>
    /// <param name="itemPath">Where one pattern was given, by its index.</param>
    public static void Check(IReadOnlyList<string> patterns, string what, string path, Func<int, string> itemPath, ConfigErrors errors)
    {
        if (patterns.Count == 0)
        {
            return;
        }

        var alone = what == "log group" ? "their log group alone (unless their log stream names another container)" : "their log stream alone (unless it names another container)";
        errors.Warn(path, $"records without shipper metadata from these {what}s are trusted on {alone}: only Falco must write there");
        for (var i = 0; i < patterns.Count; i++)
        {
            if (MatchesEverything(patterns[i]))
            {
                errors.Warn(itemPath(i), $"\"{patterns[i]}\" matches every {what}: any record without shipper metadata is trusted as Falco's, whoever wrote it (unless its log stream names another container)");
            }
        }
    }

    // Only wildcards, one '*' at least: every name long enough for its '?'s, and names are never empty.
    private static bool MatchesEverything(string pattern) =>
        pattern.Contains('*', StringComparison.Ordinal) && pattern.All(c => c is '*' or '?');
}
