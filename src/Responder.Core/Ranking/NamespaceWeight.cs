using Responder.Core.Matching;

namespace Responder.Core.Ranking;

/// <summary>Points added to alerts in matching namespaces (negative to lower them).</summary>
public sealed record NamespaceWeight(GlobPattern Namespace, int Points);
