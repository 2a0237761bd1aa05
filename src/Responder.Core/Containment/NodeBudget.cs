using System.Globalization;

namespace Responder.Core.Containment;

/// <summary>
/// How many nodes may be out of scheduling: never the last schedulable one, never past the configured share (at least
/// one while another schedulable node remains). A node counts as out when it is cordoned or carries a NoSchedule or
/// NoExecute taint, before the batch or by an earlier action of it; taking one node out twice costs it once.
/// </summary>
internal sealed class NodeBudget(IReadOnlyCollection<NodeFacts> nodes, double maxShare)
{
    private readonly HashSet<string> _out = [.. nodes.Where(n => !n.Schedulable).Select(n => n.Name)];
    private readonly int _total = nodes.Count;

    /// <summary>Null when the node may be taken out of scheduling (and counts it as out), else the reason it may not.</summary>
    public string? Reserve(string name)
    {
        if (_out.Contains(name))
        {
            return null;
        }

        if (_total - _out.Count <= 1)
        {
            return $"last-schedulable-node: {name} is the only schedulable node left";
        }

        var allowed = Math.Max(1, (int)Math.Floor(maxShare * _total));
        if (_out.Count + 1 > allowed)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"cordon-limit: {_out.Count} of {_total} nodes are already unschedulable or tainted NoSchedule/NoExecute (at most {maxShare * 100:0.##}%)");
        }

        _out.Add(name);
        return null;
    }
}
