using k8s.Models;
using Responder.Core.Config;

namespace Responder.Kubernetes;

/// <summary>
/// Decides, node by node in request order, which cordons may go ahead: never a protected node, never
/// the last schedulable node, never past the configured share of unschedulable nodes (at least one
/// cordon is allowed while another schedulable node remains).
/// </summary>
internal sealed class NodeLimits(IReadOnlyDictionary<string, V1Node> nodes, ContainmentSettings settings)
{
    private readonly int _total = nodes.Count;
    private int _unschedulable = nodes.Values.Count(n => n.Spec?.Unschedulable == true);

    /// <summary>Null when the node may be cordoned (and counts it), else the reason it may not.</summary>
    public string? ReserveCordon(string name)
    {
        var allowed = Math.Max(1, (int)Math.Floor(settings.MaxCordonedShare * _total));
        if (_total - _unschedulable <= 1)
        {
            return $"last-schedulable-node: {name} is the only schedulable node left";
        }

        if (_unschedulable + 1 > allowed)
        {
            return $"cordon-limit: {_unschedulable} of {_total} nodes are already unschedulable (at most {settings.MaxCordonedShare * 100:0.##}%)";
        }

        _unschedulable++;
        return null;
    }

    public string? Refusal(string name)
    {
        if (!nodes.TryGetValue(name, out var node))
        {
            return $"no-node: node {name} is not in the cluster";
        }

        return LabelSelector.FirstMatch(settings.ProtectedNodeLabels, node.Metadata.Labels) is { } selector
            ? $"protected-node: {name} has label {selector}"
            : null;
    }
}
