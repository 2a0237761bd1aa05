using Responder.Core.Drill;
using Responder.Core.Matching;
using Responder.Core.Trust;

namespace Responder.Core.Config;

/// <summary>Binds the [trust] table: which records are taken to come from Falco.</summary>
internal static class TrustBinder
{
    public static TrustOptions Bind(TableReader trust)
    {
        var namespaces = Patterns(trust, "namespaces", Validators.IsNamespacePattern, "a namespace name or glob", required: true);
        var containers = Patterns(trust, "containers", Validators.IsNamespacePattern, "a container name or glob", required: true);
        var labels = Labels(trust);
        var logGroups = Patterns(trust, "log_groups", Validators.IsLogGroupPattern, "a log group name or glob", required: false);
        var logStreams = Patterns(trust, "log_streams", IsLogStreamPattern, "a log stream name or glob", required: false);
        Warn(trust, "log_groups", "log group", logGroups);
        Warn(trust, "log_streams", "log stream", logStreams);
        var marker = trust.String("drill_marker") ?? DrillRequest.DefaultMarker;
        if (!IsMarker(marker))
        {
            trust.Error("drill_marker", "must be 1 to 256 printable characters, not blank");
        }

        trust.Finish();
        return new TrustOptions
        {
            Namespaces = namespaces,
            Containers = containers,
            Labels = labels,
            LogGroups = logGroups,
            LogStreams = logStreams,
            DrillMarker = marker,
        };
    }

    private static List<GlobPattern> Patterns(TableReader table, string key, Func<string, bool> valid, string what, bool required)
    {
        var items = table.Strings(key);
        for (var i = 0; i < items.Count; i++)
        {
            if (!valid(items[i]))
            {
                table.Errors.Add($"{table.PathOf(key)}[{i}]", $"\"{items[i]}\" is not {what}");
            }
        }

        if (required && items.Count == 0 && table.Has(key))
        {
            table.Error(key, "must list at least one entry ([\"*\"] accepts any)");
        }

        return [.. items.Select(p => new GlobPattern(p))];
    }

    private static List<PodLabel> Labels(TableReader table)
    {
        var items = table.Strings("labels");
        var labels = new List<PodLabel>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var parts = items[i].Split('=');
            if (parts.Length > 2 || !Validators.IsLabelKey(parts[0]) || (parts.Length == 2 && !Validators.IsLabelValue(parts[1])))
            {
                table.Errors.Add($"{table.PathOf("labels")}[{i}]", $"\"{items[i]}\" is not a label (\"key\" or \"key=value\")");
                continue;
            }

            labels.Add(new PodLabel(parts[0], parts.Length == 2 ? parts[1] : null));
        }

        return labels;
    }

    private static void Warn(TableReader table, string key, string what, List<GlobPattern> patterns) =>
        TrustWarnings.Check([.. patterns.Select(p => p.Pattern)], what, table.PathOf(key), i => $"{table.PathOf(key)}[{i}]", table.Errors);

    // Stream names may hold anything but ':' (and '*', which here is the glob), up to 512.
    private static bool IsLogStreamPattern(string text) =>
        text.Length is > 0 and <= 512 && !text.Contains(':', StringComparison.Ordinal) && !text.Any(char.IsControl);

    private static bool IsMarker(string text) =>
        text.Length is > 0 and <= 256 && !string.IsNullOrWhiteSpace(text) && !text.Any(char.IsControl);
}
