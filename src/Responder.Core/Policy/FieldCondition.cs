using Responder.Core.Alerts;

namespace Responder.Core.Policy;

/// <summary>
/// <c>key=value</c> or <c>key!=value</c> on an alert's output_fields. A missing, null or "&lt;NA&gt;"
/// field reads as empty, so <c>k8s.pod.name=</c> matches alerts without a pod.
/// </summary>
public sealed record FieldCondition(string Key, string Value, bool Negated)
{
    public static bool TryParse(string text, out FieldCondition? condition)
    {
        condition = null;
        var notEquals = text.IndexOf("!=", StringComparison.Ordinal);
        var equals = text.IndexOf('=');
        if (notEquals >= 0 && notEquals < equals)
        {
            condition = new FieldCondition(text[..notEquals].Trim(), text[(notEquals + 2)..].Trim(), Negated: true);
        }
        else if (equals > 0)
        {
            condition = new FieldCondition(text[..equals].Trim(), text[(equals + 1)..].Trim(), Negated: false);
        }

        return condition is { Key.Length: > 0 };
    }

    public bool Matches(AlertFields fields) => (fields.GetText(Key) ?? string.Empty) == Value != Negated;

    public override string ToString() => Negated ? $"{Key}!={Value}" : $"{Key}={Value}";
}
