using Responder.Core.Matching;
using Responder.Core.Policy;
using Responder.Core.Ranking;

namespace Responder.Core.Config;

internal static class MatchBinder
{
    public static RuleMatch Bind(TableReader table)
    {
        var match = new RuleMatch
        {
            Rules = [.. NonEmptyStrings(table, "rules").Select(r => new GlobPattern(r.Text))],
            Priority = BindPriority(table),
            Tags = Groups<string>(table, "tags", Identity),
            OutputFields = Groups<FieldCondition>(table, "output_fields", ParseField),
            Source = BindSource(table),
            Namespaces = [.. BindNamespaces(table)],
            MinSeverity = BindSeverity(table),
            MinScore = (int?)table.OptionalInteger("min_score", 0, 100),
            RequirePod = table.Bool("require_pod", false),
        };
        table.Finish();
        return match;
    }

    private static PriorityCondition? BindPriority(TableReader table)
    {
        var text = table.String("priority");
        if (text is null)
        {
            return null;
        }

        if (!PriorityCondition.TryParse(text, out var condition))
        {
            table.Error("priority", $"\"{text}\" is not a priority condition (like \"Critical\" or \">= Warning\")");
        }

        return condition;
    }

    private static string? BindSource(TableReader table)
    {
        var source = ConfigBinder.NonEmpty(table.String("source"));
        return source == "syscalls" ? "syscall" : source;
    }

    private static IEnumerable<GlobPattern> BindNamespaces(TableReader table)
    {
        foreach (var (ns, path) in NonEmptyStrings(table, "namespaces"))
        {
            if (Validators.IsNamespacePattern(ns))
            {
                yield return new GlobPattern(ns);
            }
            else
            {
                table.Errors.Add(path, $"\"{ns}\" is not a namespace name or glob");
            }
        }
    }

    private static Severity? BindSeverity(TableReader table)
    {
        var text = table.String("min_severity");
        if (text is null)
        {
            return null;
        }

        if (Severities.TryParse(text, out var severity))
        {
            return severity;
        }

        table.Error("min_severity", $"\"{text}\" is not a severity (informational, low, medium, high, critical)");
        return null;
    }

    private static IEnumerable<(string Text, string Path)> NonEmptyStrings(TableReader table, string key)
    {
        var texts = table.Strings(key);
        for (var i = 0; i < texts.Count; i++)
        {
            var path = $"{table.PathOf(key)}[{i}]";
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                table.Errors.Add(path, "an empty entry");
            }
            else
            {
                yield return (texts[i].Trim(), path);
            }
        }
    }

    private static FieldCondition? ParseField(string text, string path, ConfigErrors errors)
    {
        if (FieldCondition.TryParse(text, out var condition))
        {
            return condition;
        }

        errors.Add(path, $"\"{text}\" is not key=value or key!=value");
        return null;
    }

    // Talon's form: each entry is an AND-group, either "a, b" or ["a", "b"]; the entries are ORed.
    private static AnyOf<T> Groups<T>(TableReader table, string key, Func<string, string, ConfigErrors, T?> parse)
        where T : class
    {
        var groups = new List<IReadOnlyList<T>>();
        var items = table.Items(key);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{table.PathOf(key)}[{i}]";
            IEnumerable<string>? parts = items[i] switch
            {
                string text => text.Split(',', StringSplitOptions.TrimEntries),
                Tomlyn.Model.TomlArray array when array.All(x => x is string) => array.Cast<string>().Select(s => s.Trim()),
                _ => null,
            };
            if (parts is null)
            {
                table.Errors.Add(path, $"expected a string or an array of strings, got {TableReader.Describe(items[i])}");
                continue;
            }

            var group = parts.ToList();
            if (group.Count == 0 || group.Any(string.IsNullOrEmpty))
            {
                table.Errors.Add(path, "an empty entry in the group");
                continue;
            }

            groups.Add([.. group.Select(p => parse(p, path, table.Errors)).OfType<T>()]);
        }

        return groups.Count == 0 ? AnyOf<T>.Always : new AnyOf<T>(groups);
    }

    private static string? Identity(string text, string path, ConfigErrors errors) => text;
}
