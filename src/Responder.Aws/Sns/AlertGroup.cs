using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;

namespace Responder.Aws.Sns;

/// <summary>
/// The alerts of one invocation with the same rule, namespace and pod (node, for alerts without a pod): they become one message.
/// The representative is the highest-scored alert; it speaks for the group.
/// </summary>
public sealed class AlertGroup(string rule, string? ns, string? pod)
{
    private readonly List<AlertOutcome> _members = [];

    public string Rule => rule;

    public string? Namespace => ns;

    public string? Pod => pod;

    public IReadOnlyList<AlertOutcome> Members => _members;

    public AlertOutcome Representative { get; private set; } = null!;

    /// <summary>Alerts in the group, the repeats the dedupe folded into its members included.</summary>
    public int Count { get; private set; }

    public Severity Severity => Representative.Ranking.Severity;

    public string? FirstTime { get; private set; }

    public string? LastTime { get; private set; }

    public bool DryRun => _members.Any(m => m.DryRun);

    public bool Drill => _members.Any(m => m.Record.Origin.Drill);

    /// <summary>The cluster actions of the group (decided once per target, so the representative's, or any member's).</summary>
    public IReadOnlyList<PlannedAction> ClusterActions =>
        _members.Select(m => m.Actions.Where(a => a.Kind.IsClusterAction()).ToList()).FirstOrDefault(a => a.Count > 0) ?? [];

    public void Add(AlertOutcome outcome)
    {
        _members.Add(outcome);
        Count += 1 + outcome.Repeats;
        if (Representative is null || outcome.Ranking.Score > Representative.Ranking.Score)
        {
            Representative = outcome;
        }

        foreach (var time in new[] { outcome.Alert.Time, outcome.LastRepeatTime })
        {
            if (time is not null)
            {
                // ISO-8601 UTC times compare as text.
                FirstTime = FirstTime is null || string.CompareOrdinal(time, FirstTime) < 0 ? time : FirstTime;
                LastTime = LastTime is null || string.CompareOrdinal(time, LastTime) > 0 ? time : LastTime;
            }
        }
    }

    public static List<AlertGroup> Of(IEnumerable<AlertOutcome> outcomes)
    {
        var groups = new Dictionary<(string, string?, string?, string?), AlertGroup>();
        var ordered = new List<AlertGroup>();
        foreach (var outcome in outcomes)
        {
            var alert = outcome.Alert;

            // Without a pod the alert is about its node: alerts on two nodes are two groups, each with its own
            // node actions and containment message.
            var key = (alert.Rule, alert.Target.Namespace, alert.Target.Pod, alert.Target.Pod is null ? alert.Target.Node : null);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new AlertGroup(alert.Rule, alert.Target.Namespace, alert.Target.Pod);
                groups[key] = group;
                ordered.Add(group);
            }

            group.Add(outcome);
        }

        return ordered;
    }
}
