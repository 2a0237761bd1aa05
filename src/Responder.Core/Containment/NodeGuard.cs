using Responder.Core.Config;
using Responder.Core.Policy;

namespace Responder.Core.Containment;

/// <summary>
/// The node guardrails, judged on the node as read: protected names and labels (for the actions that change the node), and whether taking it out of
/// scheduling (a cordon, or a NoSchedule or NoExecute taint) would leave too few nodes. Actions are judged in
/// request order, so the first alerts of a storm get the nodes the budget allows.
/// </summary>
internal sealed class NodeGuard(PolicyOptions policy, ContainmentSettings settings)
{
    public void Check(IReadOnlyList<ClusterAction> actions, IReadOnlyDictionary<string, NodeFacts> nodes)
    {
        var budget = new NodeBudget([.. nodes.Values], settings.MaxCordonedShare);
        foreach (var action in actions)
        {
            if (action.IsSettled || action.Node is not { } node)
            {
                continue;
            }

            if ((Refusal(action, node) ?? (TakesOut(action, node) ? budget.Reserve(node.Name) : null)) is { } refusal)
            {
                action.Skip(refusal);
            }
        }
    }

    private string? Refusal(ClusterAction action, NodeFacts node)
    {
        // Protected nodes are never taken out of service; copying their disks (snapshot-node) takes nothing out.
        if (action.Kind.IsEvidence())
        {
            return null;
        }

        foreach (var pattern in policy.ProtectedNodes)
        {
            if (pattern.Matches(node.Name))
            {
                return $"protected-node: {node.Name} matches {pattern.Pattern}";
            }
        }

        return LabelSelector.FirstMatch(settings.ProtectedNodeLabels, node.Labels) is { } selector
            ? $"protected-node: {node.Name} has label {selector}"
            : null;
    }

    // Whether the action would take a schedulable node out of scheduling; on a node already out it changes nothing that counts.
    private static bool TakesOut(ClusterAction action, NodeFacts node) => node.Schedulable && action.Kind switch
    {
        ActionKind.CordonNode => true,
        ActionKind.TaintNode => action.Spec.Taint?.KeepsPodsOff == true,
        _ => false,
    };
}
