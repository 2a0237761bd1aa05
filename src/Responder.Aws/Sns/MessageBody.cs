using System.Globalization;
using System.Text;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;

namespace Responder.Aws.Sns;

/// <summary>
/// The text of a notification, written to be read on a phone: what fired and how bad, where, what
/// was done, then Falco's own words and the alert JSON (trimmed with a marker to fit SNS's limit).
/// Every line with text from the alert goes through <see cref="AlertText"/>: a line break in it is shown
/// as <c>\n</c>, so the alert cannot add lines (a forged "User:" or "DRILL:"). Falco's output, which
/// may span lines, is shown on one line the same way; the alert JSON keeps the exact text.
/// </summary>
public static class MessageBody
{
    private const int MaxOutputChars = 4096;

    // Summary values come from the alert (a command line can be hundreds of KB): bounded, so the summary,
    // the actions and the marks always fit, and only the alert JSON at the end is trimmed to the limit.
    private const int MaxLineChars = 1024;

    public static string Alert(AlertGroup group, NotificationContext context)
    {
        var text = new StringBuilder();
        Heading(text, group, context);
        text.AppendLine();
        // Not record-finding: it runs beside this notification, so its outcome is not known yet.
        Actions(text, [.. group.Representative.Actions.Where(a => a.Kind != ActionKind.RecordFinding)]);
        Evidence(text, group.Representative.Actions);
        Marks(text, group);
        Falco(text, group.Representative);
        return WithJson(text, group.Representative, context);
    }

    public static string Containment(AlertGroup group, NotificationContext context)
    {
        var text = new StringBuilder();
        var actions = group.ClusterActions;
        var failed = actions.Count(a => a.Status == ActionStatus.Failed);
        text.AppendLine(failed > 0
            ? $"Containment FAILED for {failed} of {actions.Count} action(s)."
            : actions.All(a => a.Status == ActionStatus.Planned) ? "Containment planned (dry run): nothing was changed." : "Containment done.");
        text.AppendLine();
        Actions(text, actions);
        Evidence(text, actions);
        text.AppendLine();
        Heading(text, group, context);
        Marks(text, group);
        return Fit(text.ToString(), context.MaxBodyBytes);
    }

    public static string Digest(IReadOnlyList<AlertGroup> groups, NotificationContext context)
    {
        var text = new StringBuilder();
        var alerts = groups.Sum(g => g.Count);
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{alerts:N0} more alerts in {groups.Count:N0} groups (same rule, namespace and pod) were not sent one by one: this invocation had already sent {context.MaxMessages} messages."));
        if (context.ClusterName is { } cluster)
        {
            Say(text, $"Cluster: {cluster}");
        }

        text.AppendLine();
        foreach (var group in groups.OrderByDescending(g => g.Severity).ThenByDescending(g => g.Count))
        {
            var outcome = SubjectLine.Outcome(group.ClusterActions);
            Say(text, string.Create(CultureInfo.InvariantCulture,
                $"- {group.Severity.ToWire().ToUpperInvariant()} x{group.Count} {group.Rule} - {Target(group)}{(outcome is null ? string.Empty : " - " + outcome)}"));
        }

        if (groups.Any(g => g.DryRun))
        {
            text.AppendLine().AppendLine("DRY RUN: cluster actions were decided but not carried out.");
        }

        return Fit(text.ToString(), context.MaxBodyBytes);
    }

    public static string Target(AlertGroup group) =>
        group.Pod is not null ? $"{group.Namespace}/{group.Pod}" : group.Representative.Alert.Target.Node is { } node ? $"node {node}" : "no pod or node";

    private static void Heading(StringBuilder text, AlertGroup group, NotificationContext context)
    {
        var outcome = group.Representative;
        var alert = outcome.Alert;
        var fields = alert.OutputFields;
        Say(text, string.Create(CultureInfo.InvariantCulture, $"{outcome.Ranking.Severity.ToWire().ToUpperInvariant()} (score {outcome.Ranking.Score}): {alert.Rule}"));
        Say(text, $"Falco priority {alert.PriorityName}, source {alert.Source}. Main reasons: {Reasons(outcome)}.");
        text.AppendLine();
        Line(text, "Cluster", context.ClusterName);
        Line(text, "Namespace", alert.Target.Namespace);
        Line(text, "Pod", alert.Target.Pod);
        Line(text, "Node", alert.Target.Node);
        var image = fields.GetText("container.image.repository");
        var tag = fields.GetText("container.image.tag");
        Line(text, "Image", image is null ? null : tag is null ? image : $"{image}:{tag}");
        Line(text, "Process", Process(fields.GetText("proc.name"), fields.GetText("proc.pname"), fields.GetText("proc.cmdline")));
        Line(text, "User", User(fields.GetText("user.name"), fields.GetText("user.uid")));
        Line(text, "Alerts", group.Count == 1
            ? alert.Time
            : string.Create(CultureInfo.InvariantCulture, $"{group.Count} between {group.FirstTime} and {group.LastTime}"));
    }

    private static void Actions(StringBuilder text, IReadOnlyList<PlannedAction> actions)
    {
        if (actions.Count == 0)
        {
            return;
        }

        text.AppendLine("Actions:");
        foreach (var action in actions)
        {
            var reason = action.Reason is null ? string.Empty : $" ({action.Reason})";
            Say(text, $"  {action.Kind.ToWire()} {action.Target ?? "-"}: {action.Status.ToWire()}{reason}");
        }
    }

    /// <summary>
    /// Where the evidence is, on lines of its own for the reader who has to fetch it: the S3 folder of a pod's logs and
    /// manifest, the snapshot ids of a node; and, loudly, a removal that went ahead without its evidence or waits for it.
    /// </summary>
    private static void Evidence(StringBuilder text, IReadOnlyList<PlannedAction> actions)
    {
        var kept = actions.Where(a => a.Kind.IsEvidence() && a.Status == ActionStatus.Succeeded && a.Reason is not null).ToList();
        var missing = actions.Where(a => a.Kind is ActionKind.DeletePod or ActionKind.EvictPod
            && a.Reason?.StartsWith("evidence-missing:", StringComparison.Ordinal) == true).ToList();
        if (kept.Count == 0 && missing.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("Evidence:");
        foreach (var action in kept)
        {
            Say(text, $"  {(action.Kind == ActionKind.CollectEvidence ? "logs and manifest" : "disk snapshots")} of {action.Target}: {action.Reason}");
        }

        foreach (var action in missing)
        {
            Say(text, action.Status == ActionStatus.Skipped
                ? $"  MISSING: {action.Target} was kept, not removed, until its evidence is stored"
                : $"  MISSING: {action.Target} was removed without its evidence");
        }
    }

    private static void Marks(StringBuilder text, AlertGroup group)
    {
        if (group.DryRun)
        {
            text.AppendLine().AppendLine("DRY RUN: cluster actions were decided but not carried out.");
        }

        if (group.Drill)
        {
            var marker = group.Representative.Record.Origin.DrillMarker;
            Say(text.AppendLine(), $"DRILL: this alert came from a drill{(marker is null ? string.Empty : $" (marker {marker})")}, not from Falco.");
        }
    }

    private static void Falco(StringBuilder text, AlertOutcome outcome)
    {
        text.AppendLine().AppendLine("Falco:");
        Say(text, outcome.Alert.OutputText, MaxOutputChars);
    }

    private static string WithJson(StringBuilder text, AlertOutcome outcome, NotificationContext context)
    {
        text.AppendLine().AppendLine("Alert JSON:");
        return Fit(text.ToString() + AlertText.Json(outcome.Alert.Json.GetRawText()), context.MaxBodyBytes);
    }

    // Whole UTF-8 characters only, and a marker saying how much was cut.
    private static string Fit(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var keep = maxBytes - 100;
        var chars = text.Length;
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, chars)) > keep)
        {
            chars -= Math.Max(1, (Encoding.UTF8.GetByteCount(text.AsSpan(0, chars)) - keep) / 3);
        }

        if (chars > 0 && char.IsHighSurrogate(text[chars - 1]))
        {
            chars--;
        }

        var cut = Encoding.UTF8.GetByteCount(text.AsSpan(chars));
        return string.Concat(text.AsSpan(0, chars), string.Create(CultureInfo.InvariantCulture, $"\n[... truncated: {cut:N0} more bytes ...]"));
    }

    private static string Reasons(AlertOutcome outcome)
    {
        var terms = outcome.ScoreTerms;
        var main = terms.Where(t => t.Type == ScoreTermKind.Priority)
            .Concat(terms.Where(t => t.Type != ScoreTermKind.Priority).OrderByDescending(t => Math.Abs(t.Points)).Take(3));

        // "rule pinned to 100" already says the score; the base score and an unused pin are scores, not points added.
        return string.Join(", ", main.Select(t => t.Type == ScoreTermKind.RulePin ? t.Note
            : t.IsScore ? string.Create(CultureInfo.InvariantCulture, $"{t.Note} {t.Points}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Note} {t.Points:+0;-0}")));
    }

    private static string? Process(string? name, string? parent, string? command) =>
        name is null ? null : $"{name}{(parent is null ? string.Empty : $" (parent {parent})")}{(command is null ? string.Empty : $": {command}")}";

    private static string? User(string? name, string? uid) =>
        name is null && uid is null ? null : uid is null ? name : $"{name ?? "?"} (uid {uid})";

    private static void Line(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Say(text, $"{label + ":",-11}{value}");
        }
    }

    private static void Say(StringBuilder text, string line, int maxChars = MaxLineChars) => text.AppendLine(AlertText.OneLine(line, maxChars));
}
