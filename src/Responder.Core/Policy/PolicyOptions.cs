using Responder.Core.Matching;

namespace Responder.Core.Policy;

/// <summary>The policy: ordered rules and the guardrails that need no cluster.</summary>
public sealed record PolicyOptions
{
    public required IReadOnlyList<PolicyRule> Rules { get; init; }

    /// <summary>Alerts in these namespaces never lead to cluster actions.</summary>
    public required IReadOnlyList<GlobPattern> ProtectedNamespaces { get; init; }

    /// <summary>Nodes matching these name patterns are never cordoned or tainted.</summary>
    public required IReadOnlyList<GlobPattern> ProtectedNodes { get; init; }
}
