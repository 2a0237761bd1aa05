using System.Text.RegularExpressions;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// The labelSelector query parameter: comma-separated requirements, each key, !key, key=value,
/// key==value, key!=value, key in (a,b) or key notin (a,b). All must hold.
/// </summary>
internal static partial class LabelSelector
{
    public static Func<IReadOnlyDictionary<string, string>, bool> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return _ => true;
        }

        var requirements = SplitTopLevel(text).Select(Requirement).ToList();
        return labels => requirements.All(r => r(labels));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> Requirement(string term)
    {
        term = term.Trim();
        if (SetRequirement().Match(term) is { Success: true } set)
        {
            var key = set.Groups["key"].Value;
            var values = set.Groups["values"].Value.Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            return set.Groups["op"].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        if (EqualityRequirement().Match(term) is { Success: true } equality)
        {
            var key = equality.Groups["key"].Value;
            var value = equality.Groups["value"].Value;
            return equality.Groups["op"].Value == "!="
                ? labels => !labels.TryGetValue(key, out var v) || v != value
                : labels => labels.TryGetValue(key, out var v) && v == value;
        }

        if (ExistsRequirement().Match(term) is { Success: true } exists)
        {
            var key = exists.Groups["key"].Value;
            return exists.Groups["not"].Success ? labels => !labels.ContainsKey(key) : labels => labels.ContainsKey(key);
        }

        throw ApiStatusException.BadRequest($"unable to parse requirement: {term}");
    }

    // Commas separate requirements except inside the parentheses of in and notin.
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    [GeneratedRegex(@"^(?<key>[^\s!=(),]+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetRequirement();

    [GeneratedRegex(@"^(?<key>[^\s!=(),]+)\s*(?<op>==|=|!=)\s*(?<value>[^\s!=(),]*)$")]
    private static partial Regex EqualityRequirement();

    [GeneratedRegex(@"^(?<not>!)?\s*(?<key>[^\s!=(),]+)$")]
    private static partial Regex ExistsRequirement();
}
