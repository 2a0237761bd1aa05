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
            [Prefix + "actions"] = string.Join(",", outcome.Actions.Where(a => a.Kind != ActionKind.Notify).Select(a => a.Kind.ToWire())),
        };
        return new JsonObject { ["labels"] = labels, ["annotations"] = annotations };
    }

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
