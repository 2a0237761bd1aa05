using System.Text;
using Responder.Core.Policy;

namespace Responder.Aws.Sns;

/// <summary>
/// SNS subjects: ASCII, no control characters, under 100 characters, severity first. When too long,
/// the rule and the target are shortened before the outcome, which is what the reader acts on.
/// </summary>
public static class SubjectLine
{
    public const int MaxLength = 99;

    public static string Compose(string marks, string head, string? target, string? outcome)
    {
        head = Ascii(head);
        target = target is null ? null : Ascii(target);
        outcome = outcome is null ? null : Ascii(outcome);
        var separators = 3 * ((target is null ? 0 : 1) + (outcome is null ? 0 : 1));
        var room = MaxLength - marks.Length - 1 - separators - (outcome?.Length ?? 0);
        if (head.Length + (target?.Length ?? 0) > room)
        {
            var targetRoom = target is null ? 0 : Math.Min(target.Length, Math.Max(12, room / 3));
            target = target is null ? null : Cut(target, targetRoom);
            head = Cut(head, Math.Max(12, room - targetRoom));
        }

        var subject = string.Join(" - ", new[] { head, target, outcome }.Where(p => !string.IsNullOrEmpty(p)));
        return Cut($"{marks} {subject}", MaxLength);
    }

    /// <summary>What was done to the cluster, in a few words: "cordoned, deleted", "would cordon, delete", "delete FAILED".</summary>
    public static string? Outcome(IEnumerable<PlannedAction> actions)
    {
        var cluster = actions.Where(a => a.Kind.IsClusterAction()).ToList();
        if (cluster.Count == 0)
        {
            return null;
        }

        // A dry run plans them all: "would" once leaves the subject room for the target.
        return cluster.All(a => a.Status == ActionStatus.Planned)
            ? "would " + string.Join(", ", cluster.Select(a => Verb(a.Kind)))
            : string.Join(", ", cluster.Select(Word));
    }

    private static string Word(PlannedAction action) => action.Status switch
    {
        ActionStatus.Succeeded => Past(action.Kind),
        ActionStatus.Planned => "would " + Verb(action.Kind),
        ActionStatus.Skipped => Verb(action.Kind) + " skipped",
        _ => Verb(action.Kind) + " FAILED",
    };

    private static string Verb(ActionKind kind) => kind switch
    {
        ActionKind.LabelPod => "label",
        ActionKind.IsolatePod => "isolate",
        ActionKind.CordonNode => "cordon",
        ActionKind.TaintNode => "taint",
        ActionKind.EvictPod => "evict",
        ActionKind.DeletePod => "delete",
        _ => "notify",
    };

    private static string Past(ActionKind kind) => kind switch
    {
        ActionKind.LabelPod => "labelled",
        ActionKind.IsolatePod => "isolated",
        ActionKind.CordonNode => "cordoned",
        ActionKind.TaintNode => "tainted",
        ActionKind.EvictPod => "evicted",
        ActionKind.DeletePod => "deleted",
        _ => "notified",
    };

    /// <summary>Printable ASCII only: anything else (control characters, line breaks, non-ASCII) becomes '?'.</summary>
    public static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }

    private static string Cut(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, Math.Max(0, length - 3)), "...");
}
