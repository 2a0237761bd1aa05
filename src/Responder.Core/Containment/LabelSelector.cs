namespace Responder.Core.Containment;

/// <summary>Equality-based label selectors as written in the configuration: "key" (present) or "key=value".</summary>
public static class LabelSelector
{
    /// <summary>The first selector the labels match, or null.</summary>
    public static string? FirstMatch(IReadOnlyList<string> selectors, IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null)
        {
            return null;
        }

        foreach (var selector in selectors)
        {
            var equals = selector.IndexOf('=', StringComparison.Ordinal);
            var matches = equals < 0
                ? labels.ContainsKey(selector)
                : labels.TryGetValue(selector[..equals], out var value) && value == selector[(equals + 1)..];
            if (matches)
            {
                return selector;
            }
        }

        return null;
    }
}
