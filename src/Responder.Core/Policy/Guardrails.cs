using Responder.Core.Alerts;
using Responder.Core.Matching;

namespace Responder.Core.Policy;

/// <summary>
/// Checks that need no cluster. A refusal reads "code: detail" so it can be counted and read.
/// Protected namespaces stop every cluster action, node actions included: an alert about a
/// system pod must never take a node out of service. The node of an alert that names a pod is that
/// pod's, known only once the pod is read: its checks are made then, on the node as read.
/// </summary>
public static class Guardrails
{
    public static string? Check(ActionKind kind, AlertTarget target, PolicyOptions options)
    {
        if (target.Namespace is { } ns && RuleMatch.AnyMatches(options.ProtectedNamespaces, ns))
        {
            return $"protected-namespace: {ns} is protected";
        }

        if (kind.IsPodAction())
        {
            if (target.Namespace is null)
            {
                return "no-namespace: the alert names no namespace";
            }

            if (target.Pod is null)
            {
                return "no-pod: the alert names no pod";
            }
        }

        if (kind.IsNodeAction() && !target.HasPod)
        {
            if (target.Node is null)
            {
                return "no-node: the alert names no valid node";
            }

            // Protected nodes are never taken out of service; copying their disks takes nothing out.
            foreach (var pattern in kind.IsEvidence() ? Array.Empty<GlobPattern>() : options.ProtectedNodes)
            {
                if (pattern.Matches(target.Node))
                {
                    return $"protected-node: {target.Node} matches {pattern.Pattern}";
                }
            }
        }

        return null;
    }
}
