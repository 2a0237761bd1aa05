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
        writer.WriteString("rule"u8, alert.Rule);
        writer.WriteString("priority"u8, alert.PriorityName);
        writer.WriteString("source"u8, alert.Source);
        writer.WriteString("time"u8, alert.Time);
        writer.WriteString("hostname"u8, alert.Hostname);
        writer.WriteString("namespace"u8, alert.Target.Namespace);
        writer.WriteString("pod"u8, alert.Target.Pod);
        writer.WriteString("node"u8, alert.Target.Node);
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
