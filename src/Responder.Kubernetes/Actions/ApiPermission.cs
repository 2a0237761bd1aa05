namespace Responder.Kubernetes.Actions;

/// <summary>What the API server's authorizer checks for a request: API group ("" for core), resource (with subresource) and verb.</summary>
internal sealed record ApiPermission(string Group, string Resource, string Verb)
{
    public override string ToString() => $"{(Group.Length == 0 ? "core" : Group)} {Resource} {Verb}";
}
