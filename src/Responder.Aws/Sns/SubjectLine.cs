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

    /// <param name="marks">[SEVERITY] and the dry run and drill marks.</param>
    /// <param name="head">What happened: the rule, or "Containment of".</param>
    /// <param name="target">namespace/pod or the node; joined to the head by <paramref name="joiner"/>.</param>
    /// <param name="outcome">What was done, kept whole when the subject must be shortened.</param>
    /// <param name="joiner">Between head and target.</param>
    public static string Compose(string marks, string head, string? target, string? outcome, string joiner = " - ")
    {
        head = Ascii(head);
        target = target is null ? null : Ascii(target);
        outcome = outcome is null ? null : Ascii(outcome);
        var separators = (target is null ? 0 : joiner.Length) + (outcome is null ? 0 : 3);
        var room = MaxLength - marks.Length - 1 - separators - (outcome?.Length ?? 0);
        if (head.Length + (target?.Length ?? 0) > room)
        {
            var targetRoom = target is null ? 0 : Math.Min(target.Length, Math.Max(12, room / 2));
            target = target is null ? null : Cut(target, targetRoom);
            head = Cut(head, Math.Max(12, room - targetRoom));
        }

        var subject = target is null ? head : head + joiner + target;
        subject = outcome is null ? subject : subject + " - " + outcome;
        return Cut($"{marks} {subject}", MaxLength);
    }

    /// <summary>
    /// What was done to the cluster, in a few words: "cordoned, deleted", "would label, cordon, delete",
    /// "labelled; delete FAILED". Actions of one status are said together, in execution order.
    /// </summary>
    public static string? Outcome(IEnumerable<PlannedAction> actions)
    {
        var phrases = actions.Where(a => a.Kind.IsClusterAction())
            .GroupBy(a => a.Status)
            .Select(g => Phrase(g.Key, [.. g.Select(a => a.Kind)]))
            .ToList();
        return phrases.Count == 0 ? null : string.Join("; ", phrases);
    }

    private static string Phrase(ActionStatus status, List<ActionKind> kinds) => status switch
    {
        ActionStatus.Succeeded => string.Join(", ", kinds.Select(Past)),
        ActionStatus.Planned => "would " + string.Join(", ", kinds.Select(Verb)),
        ActionStatus.Skipped => string.Join(", ", kinds.Select(Verb)) + " skipped",
        _ => string.Join(", ", kinds.Select(Verb)) + " FAILED",
    };

    private static string Verb(ActionKind kind) => kind switch
    {
        ActionKind.LabelPod => "label",
        ActionKind.IsolatePod => "isolate",
        ActionKind.CordonNode => "cordon",
        ActionKind.TaintNode => "taint",
        ActionKind.CollectEvidence => "collect evidence",
        ActionKind.SnapshotNode => "snapshot",
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
        ActionKind.CollectEvidence => "evidence kept",
        ActionKind.SnapshotNode => "snapshotted",
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
