namespace Responder.Harness.Kubernetes;

/// <summary>What a request path names: a collection (no name), an object, or an object's subresource.</summary>
internal sealed record ApiTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>
    /// Reads /api/v1/... and /apis/{group}/{version}/... the way the API server lays them out:
    /// [namespaces/{ns}/]{plural}[/{name}[/{subresource}]]. Null for a path the fake does not serve.
    /// </summary>
    public static ApiTarget? Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var (group, version, rest) = segments switch
        {
            ["api", var v, .. var r] => ("", v, r),
            ["apis", var g, var v, .. var r] => (g, v, r),
            _ => (null, null, Array.Empty<string>()),
        };
        if (group is null)
        {
            return null;
        }

        var (ns, plural, name, sub) = rest switch
        {
            ["namespaces", var n, var p] => (n, p, null, null),
            ["namespaces", var n, var p, var nm] => (n, p, nm, null),
            ["namespaces", var n, var p, var nm, var s] => (n, p, nm, s),
            [var p] => ((string?)null, p, (string?)null, (string?)null),
            [var p, var nm] => (null, p, nm, null),
            [var p, var nm, var s] => (null, p, nm, s),
            _ => (null, null, null, null),
        };
        var type = ResourceType.All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);
        if (type is null || (ns is not null && !type.Namespaced))
        {
            return null;
        }

        // A namespaced kind addressed without a namespace is only a collection across all namespaces.
        return !type.Namespaced || ns is not null || name is null ? new ApiTarget(type, ns, name, sub) : null;
    }
}
