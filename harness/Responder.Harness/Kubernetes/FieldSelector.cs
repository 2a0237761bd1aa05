using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// The fieldSelector query parameter: comma-separated field=value, field==value or field!=value
/// over the fields the real server indexes for the kind; any other field is a 400, as there.
/// </summary>
internal static class FieldSelector
{
    private static readonly Dictionary<string, string[]> Common = new(StringComparer.Ordinal)
    {
        ["metadata.name"] = ["metadata", "name"],
        ["metadata.namespace"] = ["metadata", "namespace"],
    };

    private static readonly Dictionary<string, string[]> PodFields = new(Common, StringComparer.Ordinal)
    {
        ["spec.nodeName"] = ["spec", "nodeName"],
        ["spec.restartPolicy"] = ["spec", "restartPolicy"],
        ["spec.schedulerName"] = ["spec", "schedulerName"],
        ["spec.serviceAccountName"] = ["spec", "serviceAccountName"],
        ["status.phase"] = ["status", "phase"],
        ["status.podIP"] = ["status", "podIP"],
        ["status.nominatedNodeName"] = ["status", "nominatedNodeName"],
    };

    public static Func<JsonObject, bool> Parse(ResourceType type, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return _ => true;
        }

        var fields = type == ResourceType.Pods ? PodFields : Common;
        var terms = text.Split(',').Select(term => Term(fields, term.Trim(), type)).ToList();
        return obj => terms.All(t => t(obj));
    }

    private static Func<JsonObject, bool> Term(Dictionary<string, string[]> fields, string term, ResourceType type)
    {
        var (field, op, value) = Split(term);
        if (type == ResourceType.Nodes && field == "spec.unschedulable")
        {
            return obj => (JsonPaths.Bool(obj, "spec", "unschedulable") ? "true" : "false") == value == (op != "!=");
        }

        if (!fields.TryGetValue(field, out var path))
        {
            throw ApiStatusException.BadRequest($"field label not supported: {field}");
        }

        return obj => ((JsonPaths.String(obj, path) ?? string.Empty) == value) == (op != "!=");
    }

    private static (string Field, string Op, string Value) Split(string term)
    {
        foreach (var op in (string[])["!=", "==", "="])
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (term[..at].Trim(), op, term[(at + op.Length)..].Trim());
            }
        }

        throw ApiStatusException.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }
}
