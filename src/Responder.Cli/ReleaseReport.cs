using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Responder.Core.Containment;
using Responder.Core.Policy;

namespace Responder.Cli;

/// <summary>
/// The release report: one line per step and target, as text, or as JSON in the style of the respond
/// report (<c>{"dryRun", "actions": [{action, target, status, reason}], "summary"}</c>).
/// </summary>
internal static class ReleaseReport
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly ActionStatus[] Statuses = [ActionStatus.Planned, ActionStatus.Succeeded, ActionStatus.Skipped, ActionStatus.Failed];

    public static void Write(Stream output, bool json, bool dryRun, IReadOnlyList<ReleaseOutcome> outcomes)
    {
        if (json)
        {
            WriteJson(output, dryRun, outcomes);
        }
        else
        {
            WriteText(output, dryRun, outcomes);
        }

        output.Flush();
    }

    private static void WriteJson(Stream output, bool dryRun, IReadOnlyList<ReleaseOutcome> outcomes)
    {
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("dryRun"u8, dryRun);
            writer.WriteStartArray("actions"u8);
            foreach (var outcome in outcomes)
            {
                writer.WriteStartObject();
                writer.WriteString("action"u8, outcome.Action);
                writer.WriteString("target"u8, outcome.Target);
                writer.WriteString("status"u8, outcome.Status.ToWire());
                writer.WriteString("reason"u8, outcome.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("summary"u8);
            writer.WriteStartObject("actions"u8);
            foreach (var group in outcomes.GroupBy(o => o.Action, StringComparer.Ordinal))
            {
                writer.WriteNumber(group.Key, group.Count());
            }

            writer.WriteEndObject();
            writer.WriteStartObject("statuses"u8);
            foreach (var status in Statuses)
            {
                writer.WriteNumber(status.ToWire(), outcomes.Count(o => o.Status == status));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    private static void WriteText(Stream output, bool dryRun, IReadOnlyList<ReleaseOutcome> outcomes)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        foreach (var outcome in outcomes)
        {
            var reason = outcome.Reason is null ? string.Empty : $"  {TerminalText.Safe(outcome.Reason)}";
            writer.WriteLine($"{outcome.Action,-24} {TerminalText.Fit(outcome.Target, 44)} {outcome.Status.ToWire(),-9}{reason}");
        }

        if (outcomes.Count == 0)
        {
            writer.WriteLine("nothing to release: the responder holds nothing in the cluster");
        }

        var counts = Statuses.Select(s => (Status: s, Count: outcomes.Count(o => o.Status == s))).Where(c => c.Count > 0);
        writer.WriteLine();
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"release: {outcomes.Count} step(s){string.Concat(counts.Select(c => $", {c.Status.ToWire()} {c.Count}"))}"));
        if (dryRun)
        {
            writer.WriteLine("dry run: nothing was changed");
        }
    }
}
