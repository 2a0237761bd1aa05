using System.Globalization;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.State;

namespace Responder.Aws.Sns;

/// <summary>
/// Messages in the custom-notification format of Amazon Q Developer in chat applications (formerly AWS Chatbot), which
/// shows them as cards in Slack, Teams or Chime: version 1.0, source custom, content (client-markdown title, description,
/// next steps, keywords) and metadata. The thread id is the alert group's, the same across invocations, so the
/// containment outcome and later repeats thread under the first message. Alert text goes through <see cref="ChatText"/>;
/// every field is kept within <see cref="ChatLimits"/>.
/// </summary>
public static class ChatMessage
{
    public static string Alert(AlertGroup group, NotificationContext context, string summary)
    {
        var outcome = group.Representative;
        var alert = outcome.Alert;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"*{outcome.Ranking.Severity.ToWire().ToUpperInvariant()}* (score {outcome.Ranking.Score}): Falco priority {Inert(alert.PriorityName)}, source {Inert(alert.Source)}"),
        };
        lines.AddRange(Where(group, context));
        var fields = alert.OutputFields;
        var image = fields.GetText("container.image.repository");
        var tag = fields.GetText("container.image.tag");
        Line(lines, "Image", image is null ? null : tag is null ? image : $"{image}:{tag}");
        Line(lines, "Process", fields.GetText("proc.cmdline") ?? fields.GetText("proc.name"));
        Line(lines, "User", fields.GetText("user.name"));
        lines.Add(group.Count == 1
            ? $"*Alerts:* 1 at {Inert(alert.Time ?? "an unknown time")}"
            : string.Create(CultureInfo.InvariantCulture, $"*Alerts:* {group.Count} between {Inert(group.FirstTime ?? "?")} and {Inert(group.LastTime ?? "?")}"));
        // The cluster actions: this message is the notification, and the finding is recorded beside it.
        Actions(lines, [.. group.Representative.Actions.Where(a => a.Kind.IsClusterAction())]);
        Marks(lines, group);
        lines.Add("*Falco:*");
        lines.Add("```" + Inert(alert.OutputText, ChatLimits.Description / 2) + "```");
        var title = $"{Icon(group.Severity)} {Inert(group.Count > 1 ? $"{group.Count}x {group.Rule}" : group.Rule)} - {Inert(MessageBody.Target(group))}"
            + (SubjectLine.Outcome(group.ClusterActions) is { } done ? $" ({done})" : string.Empty);
        return ChatDocument.Write(context, new ChatCard(title, lines, NextSteps(group), Keywords(group), Thread(context, group), summary, "falco-alert", Resources(group, context), Context(group)));
    }

    public static string Containment(AlertGroup group, NotificationContext context, string summary)
    {
        var actions = group.ClusterActions;
        var failed = actions.Count(a => a.Status == ActionStatus.Failed);
        var (icon, head) = failed > 0 ? (":x:", string.Create(CultureInfo.InvariantCulture, $"Containment FAILED for {failed} of {actions.Count} action(s)"))
            : actions.All(a => a.Status == ActionStatus.Planned) ? (":memo:", "Containment planned (dry run): nothing was changed")
            : (":white_check_mark:", "Containment done");
        var lines = new List<string> { $"*{head}* for {Inert(group.Rule)}" };
        lines.AddRange(Where(group, context));
        Actions(lines, actions);
        Marks(lines, group);
        var title = $"{icon} {head}: {Inert(MessageBody.Target(group))}" + (SubjectLine.Outcome(actions) is { } done ? $" ({done})" : string.Empty);
        return ChatDocument.Write(context, new ChatCard(title, lines, NextSteps(group), Keywords(group), Thread(context, group), summary, "falco-containment", Resources(group, context), Context(group)));
    }

    public static string Digest(IReadOnlyList<AlertGroup> groups, NotificationContext context, string summary)
    {
        var alerts = groups.Sum(g => g.Count);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"*{alerts:N0} more alerts in {groups.Count:N0} groups* (same rule, namespace and pod) were not sent one by one: this invocation had already sent {context.MaxMessages} messages."),
        };
        if (context.ClusterName is { } cluster)
        {
            lines.Add($"*Cluster:* {Inert(cluster)}");
        }

        foreach (var group in groups.OrderByDescending(g => g.Severity).ThenByDescending(g => g.Count))
        {
            var outcome = SubjectLine.Outcome(group.ClusterActions);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"• {group.Severity.ToWire().ToUpperInvariant()} x{group.Count} {Inert(group.Rule)} - {Inert(MessageBody.Target(group))}{(outcome is null ? string.Empty : " - " + outcome)}"));
        }

        if (groups.Any(g => g.DryRun))
        {
            lines.Add("_DRY RUN: cluster actions were decided but not carried out._");
        }

        var worst = groups.Max(g => g.Severity);
        var title = string.Create(CultureInfo.InvariantCulture, $"{Icon(worst)} Falco storm digest: {alerts:N0} more alerts in {groups.Count:N0} groups");
        return ChatDocument.Write(context, new ChatCard(title, lines, [], ["digest", Inert(context.ClusterName ?? "cluster", ChatLimits.Keyword)],
            "digest-" + ChatDocument.Hash(context.ClusterName ?? "cluster"), summary, "falco-digest", [], new() { ["severity"] = worst.ToWire() }));
    }

    public static string Circuit(CircuitOpen circuit, NotificationContext context, string summary)
    {
        string[] lines =
        [
            $"*The responder reached its blast-radius limit:* {Inert(circuit.Describe(), ChatLimits.Line)}.",
            string.Create(CultureInfo.InvariantCulture, $"{circuit.Refused} action(s) of this invocation were skipped \"rate-limited\"; alerts keep being notified."),
        ];
        string[] steps = ["Check what is being contained before raising `[state] max_deletes` or `max_cordons`"];
        return ChatDocument.Write(context, new ChatCard($":no_entry: Circuit open: {Inert(circuit.Limit)} limit reached on {Inert(circuit.Cluster)}", [.. lines], steps, ["circuit-open", Inert(circuit.Limit, ChatLimits.Keyword)],
            "circuit-" + ChatDocument.Hash($"{circuit.Cluster}|{circuit.Limit}|{circuit.Until.ToUnixTimeSeconds()}"), summary, "falco-circuit-open", [$"cluster/{Inert(circuit.Cluster)}"],
            new() { ["severity"] = Severity.High.ToWire(), ["limit"] = Inert(circuit.Limit, ChatLimits.ContextValue) }));
    }

    /// <summary>
    /// The subject as a chat's one-line summary: its marks ([CRITICAL][DRY RUN]) as words, since brackets are markup to a
    /// chat, then the rest made inert.
    /// </summary>
    public static string Summary(string subject)
    {
        var marks = new List<string>();
        var rest = subject;
        while (rest.StartsWith('[') && rest.IndexOf(']', StringComparison.Ordinal) is > 1 and var end)
        {
            marks.Add(rest[1..end]);
            rest = rest[(end + 1)..];
        }

        return ChatText.Inert(marks.Count == 0 ? rest : $"{string.Join(' ', marks)}:{rest}", ChatLimits.Summary);
    }

    /// <summary>The thread of an alert group: the same for every message about it, in this invocation and later ones.</summary>
    public static string Thread(NotificationContext context, AlertGroup group) =>
        "falco-" + ChatDocument.Hash(string.Join('\u001f', context.ClusterName, group.Rule, group.Namespace, group.Pod, group.Pod is null ? group.Representative.Alert.Target.Node : null));

    private static IEnumerable<string> Where(AlertGroup group, NotificationContext context)
    {
        var target = group.Representative.Alert.Target;
        var parts = new[] { ("Cluster", context.ClusterName), ("Namespace", target.Namespace), ("Pod", target.Pod), ("Node", target.Node) }
            .Where(p => p.Item2 is not null).Select(p => $"*{p.Item1}:* {Inert(p.Item2!)}").ToList();
        return parts.Count == 0 ? [] : [string.Join("  ", parts)];
    }

    private static void Line(List<string> lines, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            lines.Add($"*{label}:* {Inert(value)}");
        }
    }

    private static void Actions(List<string> lines, IReadOnlyList<PlannedAction> actions)
    {
        if (actions.Count == 0)
        {
            return;
        }

        lines.Add("*Actions:*");
        foreach (var action in actions)
        {
            var reason = action.Reason is null ? string.Empty : $" ({Inert(action.Reason)})";
            lines.Add($"• {action.Kind.ToWire()} {Inert(action.Target ?? "-")}: *{action.Status.ToWire()}*{reason}");
        }
    }

    private static void Marks(List<string> lines, AlertGroup group)
    {
        if (group.DryRun)
        {
            lines.Add("_DRY RUN: cluster actions were decided but not carried out._");
        }

        if (group.Drill)
        {
            var marker = group.Representative.Record.Origin.DrillMarker;
            lines.Add($"_DRILL: this alert came from a drill{(marker is null ? string.Empty : $" (marker {Inert(marker)})")}, not from Falco._");
        }
    }

    private static List<string> NextSteps(AlertGroup group)
    {
        var steps = new List<string>();
        var target = group.Representative.Alert.Target;
        var held = group.ClusterActions.Where(a => a.Status == ActionStatus.Succeeded && a.Target is not null
            && a.Kind is ActionKind.IsolatePod or ActionKind.CordonNode or ActionKind.TaintNode).ToList();
        if (held.Count > 0)
        {
            // Names here are checked Kubernetes names: safe in a command line as they are.
            var options = held.Select(a => a.Kind == ActionKind.IsolatePod ? $"--pod {a.Target}" : $"--node {a.Target}").Distinct(StringComparer.Ordinal);
            steps.Add($"When the pod is cleared, undo the containment: `responder release {string.Join(' ', options)}`");
        }

        if (target.HasPod && group.ClusterActions.Any(a => a.Kind == ActionKind.LabelPod && a.Status == ActionStatus.Succeeded))
        {
            steps.Add($"Read the evidence on the pod: `kubectl -n {target.Namespace} get pod {target.Pod} -o yaml`");
        }

        if (group.ClusterActions.Any(a => a.Status == ActionStatus.Failed))
        {
            steps.Add("Containment failed: see the `action.outcome` lines of the responder's log group");
        }

        if (group.DryRun && group.ClusterActions.Count > 0)
        {
            steps.Add("Dry run: deploy with `DryRun=false` to carry out cluster actions");
        }

        return steps;
    }

    private static List<string> Keywords(AlertGroup group)
    {
        var alert = group.Representative.Alert;
        List<string> keywords = [Inert(alert.Rule, ChatLimits.Keyword), Inert(alert.PriorityName, ChatLimits.Keyword)];
        if (alert.Target.Namespace is { } ns)
        {
            keywords.Add(ns);
        }

        return keywords;
    }

    private static List<string> Resources(AlertGroup group, NotificationContext context)
    {
        var target = group.Representative.Alert.Target;
        var resources = new List<string>();
        if (target.HasPod)
        {
            resources.Add($"pod/{target.Namespace}/{target.Pod}");
        }

        if (target.Node is { } node)
        {
            resources.Add($"node/{node}");
        }

        if (context.ClusterName is { } cluster)
        {
            resources.Add($"cluster/{Inert(cluster)}");
        }

        return resources;
    }

    private static Dictionary<string, string> Context(AlertGroup group) => new()
    {
        ["severity"] = group.Severity.ToWire(),
        ["score"] = group.Representative.Ranking.Score.ToString(CultureInfo.InvariantCulture),
        ["priority"] = Inert(group.Representative.Alert.PriorityName, ChatLimits.ContextValue),
        ["dryRun"] = group.DryRun ? "true" : "false",
        ["drill"] = group.Drill ? "true" : "false",
    };

    private static string Inert(string text) => ChatText.Inert(text, ChatLimits.Line);

    private static string Inert(string text, int max) => ChatText.Inert(text, max);

    private static string Icon(Severity severity) => severity switch
    {
        Severity.Critical => ":rotating_light:",
        Severity.High => ":red_circle:",
        Severity.Medium => ":large_orange_diamond:",
        Severity.Low => ":large_blue_circle:",
        _ => ":information_source:",
    };

}
