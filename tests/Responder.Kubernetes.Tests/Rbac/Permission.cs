using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Rbac;

/// <summary>One RBAC permission: a verb on a resource (or subresource, "pods/eviction") of an API group ("" is core).</summary>
internal sealed record Permission(string Group, string Resource, string Verb)
{
    public override string ToString() => $"{(Group.Length == 0 ? "core" : Group)} {Resource} {Verb}";

    /// <summary>
    /// The permission the API server's authorizer checks for a request, as its request-info parser derives it:
    /// /api/v1/... is the core group, /apis/{group}/{version}/... any other; the verb comes from the method
    /// and whether the path names an object.
    /// </summary>
    public static Permission Of(RecordedRequest request)
    {
        var parts = request.Path.Trim('/').Split('/');
        var (group, rest) = parts[0] switch
        {
            "api" => ("", parts[2..]),
            "apis" => (parts[1], parts[3..]),
            _ => throw new InvalidOperationException($"not a resource request: {request}"),
        };
        if (rest.Length > 2 && rest[0] == "namespaces")
        {
            rest = rest[2..];
        }

        var resource = rest.Length > 2 ? $"{rest[0]}/{rest[2]}" : rest[0];
        var named = rest.Length > 1;
        var verb = request.Method switch
        {
            "GET" when request.QueryValue("watch") == "true" => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            _ => throw new InvalidOperationException($"unexpected method: {request}"),
        };
        return new Permission(group, resource, verb);
    }

    /// <summary>What the requests need that the role lacks, and what the role grants that nothing used.</summary>
    public static (IReadOnlyList<string> Missing, IReadOnlyList<string> Unused) Compare(IEnumerable<Permission> used, IEnumerable<Permission> granted)
    {
        var need = used.ToHashSet();
        var have = granted.ToHashSet();
        return (Names(need.Except(have)), Names(have.Except(need)));
    }

    private static string[] Names(IEnumerable<Permission> permissions) =>
        [.. permissions.Select(p => p.ToString()).Order(StringComparer.Ordinal)];
}
