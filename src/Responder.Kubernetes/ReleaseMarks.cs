using Responder.Core.Policy;

namespace Responder.Kubernetes;

/// <summary>
/// How the responder's holds are recognised: taints whose key has the responder's prefix or is one the
/// policy's taint-node actions use, and the quarantine labels (the default one and those the policy's
/// isolate-pod actions set). A label counts only with the value the responder writes.
/// </summary>
internal sealed record ReleaseMarks(IReadOnlySet<string> TaintKeys, IReadOnlyList<(string Key, string Value)> QuarantineLabels)
{
    public const string DefaultQuarantineLabel = Evidence.Prefix + "quarantine";

    public static ReleaseMarks From(PolicyOptions policy)
    {
        var actions = policy.Rules.SelectMany(r => r.Actions).ToList();
        var taintKeys = actions.Where(a => a.Taint is not null).Select(a => a.Taint!.Key).ToHashSet(StringComparer.Ordinal);
        List<(string Key, string Value)> labels = [(DefaultQuarantineLabel, "true")];
        foreach (var label in actions.Where(a => a.Kind == ActionKind.IsolatePod).SelectMany(a => a.Labels.Select(l => (l.Key, l.Value))))
        {
            if (!labels.Contains(label))
            {
                labels.Add(label);
            }
        }

        return new ReleaseMarks(taintKeys, labels);
    }

    public bool IsResponderTaint(string key) => key.StartsWith(Evidence.Prefix, StringComparison.Ordinal) || TaintKeys.Contains(key);

    /// <summary>The quarantine labels among <paramref name="labels"/>.</summary>
    public List<(string Key, string Value)> QuarantineIn(IDictionary<string, string>? labels) =>
        labels is null ? [] : [.. QuarantineLabels.Where(q => labels.TryGetValue(q.Key, out var value) && value == q.Value)];

    public string Describe() => string.Join(", ", QuarantineLabels.Select(Describe));

    public static string Describe((string Key, string Value) label) => $"{label.Key}={label.Value}";
}
