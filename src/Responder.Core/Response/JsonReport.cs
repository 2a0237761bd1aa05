using System.Text.Json;
using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Ranking;

namespace Responder.Core.Response;

/// <summary>The pieces of the JSON report (docs/report.schema.json), written field by field in the contract's order.</summary>
public static class JsonReport
{
    public static void WriteAlert(Utf8JsonWriter writer, AlertOutcome outcome)
    {
        var alert = outcome.Alert;
        writer.WriteStartObject();
        writer.WriteString("id"u8, outcome.Id);
        Repeated(writer, "rule"u8, alert.Rule);
        Repeated(writer, "priority"u8, alert.PriorityName);
        Repeated(writer, "source"u8, alert.Source);
        writer.WriteString("time"u8, alert.Time);
        Repeated(writer, "hostname"u8, alert.Hostname);
        Repeated(writer, "namespace"u8, alert.Target.Namespace);
        writer.WriteString("pod"u8, alert.Target.Pod);
        Repeated(writer, "node"u8, alert.Target.Node);
        writer.WriteNumber("score"u8, outcome.Ranking.Score);
        writer.WriteString("severity"u8, outcome.Ranking.Severity.ToWire());
        writer.WriteBoolean("dryRun"u8, outcome.DryRun);
        writer.WriteStartArray("actions"u8);
        foreach (var action in outcome.Actions)
        {
            writer.WriteStartObject();
            writer.WriteString("action"u8, action.Kind.ToWire());
            writer.WriteString("target"u8, action.Target);
            writer.WriteString("status"u8, action.Status.ToWire());
            writer.WriteString("reason"u8, action.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // Values that repeat from alert to alert (one string each, from the alert reader's cache) are escaped once.
    private static void Repeated(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteString(name, EncodedText.Of(value));
    }

    public static void WriteRejection(Utf8JsonWriter writer, Rejection rejection)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, rejection.Id);
        writer.WriteString("code"u8, rejection.Code.ToWire());
        writer.WriteString("message"u8, rejection.Message);
        writer.WriteEndObject();
    }

    public static void WriteSummary(Utf8JsonWriter writer, ReportSummary summary)
    {
        writer.WriteStartObject();
        writer.WriteNumber("received"u8, summary.Received);
        writer.WriteNumber("alerts"u8, summary.Alerts);
        writer.WriteNumber("rejected"u8, summary.Rejected);
        writer.WriteStartObject("actions"u8);
        foreach (var (kind, count) in summary.Actions)
        {
            writer.WriteNumber(kind.ToWire(), count);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
