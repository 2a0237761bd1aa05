using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// JSON merge patch (RFC 7386/7396): objects merge member by member, null removes, anything else
/// (arrays included) replaces. The fake applies strategic merge patches this way too, which is
/// right for maps and scalars and for lists without a merge key (node taints), not for lists the
/// real server merges by key (containers, conditions).
/// </summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? targetObject : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            if (result.TryGetPropertyValue(name, out var existing) && existing is JsonObject && value is JsonObject)
            {
                Apply(existing, value);
                continue;
            }

            result[name] = Apply(null, value);
        }

        return result;
    }
}
