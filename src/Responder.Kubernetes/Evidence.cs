using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;

namespace Responder.Kubernetes;

/// <summary>
/// What the responder writes on the objects it touches: short labels to select them by, and
/// annotations with the whole story (rule, severity, score, time, what was done). Label values must be
/// 63 characters of [A-Za-z0-9_.-]; a Falco rule name is made to fit, the annotation keeps it whole.
/// </summary>
internal static class Evidence
{
    public const string Prefix = "falco-responder/";
    public const string Flagged = Prefix + "flagged";
    public const string CordonedBy = Prefix + "cordoned";

    /// <summary>
    /// The Security Hub finding of the alert that held the object: release notes on it that the hold was undone. Written
    /// only when the alert has a finding (<c>[securityhub] enabled</c>).
    /// </summary>
    public const string FindingId = Prefix + "finding-id";

    /// <summary>The metadata that labels a pod as evidence, for a merge patch.</summary>
    public static JsonObject LabelMetadata(AlertOutcome outcome, IReadOnlyDictionary<string, string> extra)
    {
        var alert = outcome.Alert;
        var labels = new JsonObject
        {
            [Flagged] = "true",
            [Prefix + "severity"] = outcome.Ranking.Severity.ToWire(),
            [Prefix + "rule"] = LabelValue(alert.Rule),
        };
        foreach (var (key, value) in extra)
        {
            labels[key] = value;
        }

        var annotations = new JsonObject
        {
            [Prefix + "rule"] = alert.Rule,
            [Prefix + "severity"] = outcome.Ranking.Severity.ToWire(),
            [Prefix + "score"] = outcome.Ranking.Score.ToString(CultureInfo.InvariantCulture),
            [Prefix + "priority"] = alert.PriorityName,
            [Prefix + "time"] = alert.Time,
            [Prefix + "alert-id"] = outcome.Id,
            [Prefix + "actions"] = string.Join(",", outcome.Actions.Where(a => a.Kind.IsClusterAction()).Select(a => a.Kind.ToWire())),
        };
        AddFinding(annotations, outcome);
        return new JsonObject { ["labels"] = labels, ["annotations"] = annotations };
    }

    /// <summary>The alert's finding id, when it has one, among <paramref name="annotations"/>.</summary>
    public static JsonObject AddFinding(JsonObject annotations, AlertOutcome outcome)
    {
        if (Finding(outcome) is { } id)
        {
            annotations[FindingId] = id;
        }

        return annotations;
    }

    public static string? Finding(AlertOutcome outcome) => outcome.Actions.FirstOrDefault(a => a.Kind == ActionKind.RecordFinding)?.Target;

    /// <summary>Turns any text into a valid label value: other characters become '_', 63 characters at most.</summary>
    public static string LabelValue(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 63));
        foreach (var c in text)
        {
            if (builder.Length == 63)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_');
        }

        return builder.ToString().Trim('_', '-', '.');
    }
}
