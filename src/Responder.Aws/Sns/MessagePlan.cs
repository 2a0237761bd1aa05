using System.Security.Cryptography;
using System.Text;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.State;

namespace Responder.Aws.Sns;

/// <summary>
/// Which messages one invocation sends: one per group (worst first) and one per group with cluster
/// actions for their outcome, up to the configured number each; one digest for the rest. A storm of
/// thousands of alerts costs a bounded number of publishes.
/// </summary>
public static class MessagePlan
{
    private const int MaxAttributeLength = 256;

    public static List<(SnsMessage Message, IReadOnlyList<AlertGroup> Groups)> For(IReadOnlyList<AlertGroup> groups, NotificationContext context)
    {
        var ranked = groups.Select((g, i) => (Group: g, Index: i))
            .OrderByDescending(x => x.Group.Severity).ThenBy(x => x.Index).Select(x => x.Group).ToList();
        var messages = new List<(SnsMessage, IReadOnlyList<AlertGroup>)>();
        foreach (var group in ranked.Take(context.MaxMessages))
        {
            messages.Add((AlertMessage(group, context), [group]));
            if (group.ClusterActions.Count > 0)
            {
                messages.Add((ContainmentMessage(group, context), [group]));
            }
        }

        var rest = ranked.Skip(context.MaxMessages).ToList();
        if (rest.Count > 0)
        {
            messages.Add((DigestMessage(rest, context), rest));
        }

        return messages;
    }

    /// <summary>A blast-radius limit reached: high severity, whatever the alerts were, so it pages.</summary>
    public static SnsMessage CircuitMessage(CircuitOpen circuit, NotificationContext context)
    {
        var subject = SubjectLine.Compose($"[{Severity.High.ToWire().ToUpperInvariant()}]", $"Circuit open: {circuit.Limit} limit reached", circuit.Cluster, null);
        var body = context.Chat ? ChatMessage.Circuit(circuit, context, subject) : $"The responder reached its blast-radius limit: {circuit.Describe()}.\n"
            + $"{circuit.Refused} action(s) of this invocation were skipped \"rate-limited\"; alerts keep being notified.\n"
            + "Check what is happening before raising [state] max_deletes or max_cordons.\n";
        return new SnsMessage(context.TopicArn, subject, body) with
        {
            Attributes = Attributes(Text("severity", Severity.High.ToWire()), Text("rule", "circuit-open"), Text("cluster", context.ClusterName), Text("limit", circuit.Limit)),
            GroupId = Fifo(context) ? "circuit" : null,
            DeduplicationId = Fifo(context) ? Hash($"circuit|{circuit.Cluster}|{circuit.Limit}|{circuit.Until.ToUnixTimeSeconds()}") : null,
        };
    }

    private static SnsMessage AlertMessage(AlertGroup group, NotificationContext context)
    {
        var count = group.Count > 1 ? $"{group.Count}x " : string.Empty;
        var subject = SubjectLine.Compose(Marks(group.Severity, group.DryRun, group.Drill), count + group.Rule, MessageBody.Target(group), SubjectLine.Outcome(group.ClusterActions));
        return Message(context, subject, context.Chat ? ChatMessage.Alert(group, context, subject) : MessageBody.Alert(group, context), group, "alert");
    }

    private static SnsMessage ContainmentMessage(AlertGroup group, NotificationContext context)
    {
        var actions = group.ClusterActions;
        var head = actions.Any(a => a.Status == ActionStatus.Failed) ? "Containment FAILED for"
            : actions.All(a => a.Status == ActionStatus.Planned) ? "Containment planned for"
            : "Containment of";
        var subject = SubjectLine.Compose(Marks(group.Severity, group.DryRun, group.Drill), head, MessageBody.Target(group), SubjectLine.Outcome(actions), joiner: " ");
        return Message(context, subject, context.Chat ? ChatMessage.Containment(group, context, subject) : MessageBody.Containment(group, context), group, "containment");
    }

    private static SnsMessage DigestMessage(List<AlertGroup> groups, NotificationContext context)
    {
        var worst = groups.Max(g => g.Severity);
        var alerts = groups.Sum(g => g.Count);
        var subject = SubjectLine.Compose(Marks(worst, groups.Any(g => g.DryRun), groups.Any(g => g.Drill)),
            $"Falco storm digest: {alerts} more alerts in {groups.Count} groups", null, null);
        var attributes = Attributes(
            Text("severity", worst.ToWire()), Text("rule", "digest"), Text("cluster", context.ClusterName),
            Text("dryRun", Bool(groups.Any(g => g.DryRun))), Text("drill", Bool(groups.Any(g => g.Drill))));
        return new SnsMessage(context.TopicArn, subject, context.Chat ? ChatMessage.Digest(groups, context, subject) : MessageBody.Digest(groups, context)) with
        {
            Attributes = attributes,
            GroupId = Fifo(context) ? "digest" : null,
            DeduplicationId = Fifo(context) ? Hash(string.Join('|', groups.Select(g => Key(g, "digest")))) : null,
        };
    }

    private static SnsMessage Message(NotificationContext context, string subject, string body, AlertGroup group, string kind)
    {
        var alert = group.Representative.Alert;
        var actions = group.Representative.Actions.Where(a => a.Kind.IsClusterAction()).Select(a => a.Kind.ToWire());
        var attributes = Attributes(
            Text("severity", group.Severity.ToWire()), Text("priority", alert.PriorityName), Text("rule", alert.Rule),
            Text("namespace", alert.Target.Namespace), Text("pod", alert.Target.Pod), Text("node", alert.Target.Node),
            Text("cluster", context.ClusterName), SnsAttribute.OfStringArray("actions", actions),
            Text("dryRun", Bool(group.DryRun)), Text("drill", Bool(group.Drill)));
        return new SnsMessage(context.TopicArn, subject, body) with
        {
            Attributes = attributes,
            GroupId = Fifo(context) ? FifoGroup(context, group) : null,
            DeduplicationId = Fifo(context) ? Hash(Key(group, kind)) : null,
        };
    }

    private static string Marks(Severity severity, bool dryRun, bool drill) =>
        $"[{severity.ToWire().ToUpperInvariant()}]{(dryRun ? "[DRY RUN]" : string.Empty)}{(drill ? "[DRILL]" : string.Empty)}";

    private static List<SnsAttribute> Attributes(params SnsAttribute?[] attributes) => [.. attributes.OfType<SnsAttribute>()];

    // Values come from alerts: escaped as in the message body, so SNS takes them, and bounded. SNS refuses
    // empty values: a missing namespace is left out, and so is a blank one, which no filter policy wants.
    private static SnsAttribute? Text(string name, string? value)
    {
        var text = value is null ? null : AlertText.OneLine(value, MaxAttributeLength, marker: string.Empty);
        return string.IsNullOrWhiteSpace(text) ? null : SnsAttribute.OfString(name, text);
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static bool Fifo(NotificationContext context) => SnsMessage.IsFifo(context.TopicArn);

    // One group per pod keeps each pod's messages in order without serialising the whole topic.
    private static string FifoGroup(NotificationContext context, AlertGroup group)
    {
        var key = SubjectLine.Ascii($"{context.ClusterName ?? "cluster"}/{group.Namespace ?? "-"}/{group.Pod ?? group.Representative.Alert.Target.Node ?? "-"}");
        return key.Length <= 128 ? key : Hash(key);
    }

    // Stable across Lambda's retries of the same event, so a FIFO topic drops the repeat.
    private static string Key(AlertGroup group, string kind) =>
        string.Join('|', kind, group.Rule, group.Namespace, group.Pod, group.Pod is null ? group.Representative.Alert.Target.Node : null,
            group.FirstTime, group.LastTime, group.Count,
            string.Join(',', group.ClusterActions.Select(a => $"{a.Kind.ToWire()}:{a.Status.ToWire()}")));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
