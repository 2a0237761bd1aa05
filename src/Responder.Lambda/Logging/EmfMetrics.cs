using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;

namespace Responder.Lambda.Logging;

/// <summary>
/// CloudWatch Embedded Metric Format lines (namespace FalcoResponder). EMF takes one value per dimension
/// per line, so each breakdown (rejections by code, actions by action and status, alerts by severity)
/// gets one line per value seen.
/// </summary>
internal static class EmfMetrics
{
    public const string Namespace = "FalcoResponder";

    public static void Write(JsonLog log, string handler, ReportSummary summary, IReadOnlyList<AlertOutcome> alerts, double durationMs, DateTimeOffset now)
    {
        Line(log, now, handler, [], [("RecordsReceived", "Count", summary.Received), ("Alerts", "Count", summary.Alerts),
            ("RecordsRejected", "Count", summary.Rejected), ("Duration", "Milliseconds", durationMs)]);

        foreach (var (code, count) in summary.RejectedByCode)
        {
            Line(log, now, handler, [("Code", code.ToWire())], [("RecordsRejected", "Count", count)]);
        }

        // Counted in arrays indexed by the enums (dense from 0), read in their order: as ordered as a sort, at a
        // fraction of grouping thousands of alerts and their actions.
        var severities = new int[Enum.GetValues<Severity>().Length];
        var statuses = Enum.GetValues<ActionStatus>().Length;
        var actions = new int[Enum.GetValues<ActionKind>().Length * statuses];
        for (var i = 0; i < alerts.Count; i++)
        {
            severities[(int)alerts[i].Ranking.Severity]++;
            var planned = alerts[i].Actions;
            for (var j = 0; j < planned.Count; j++)
            {
                actions[((int)planned[j].Kind * statuses) + (int)planned[j].Status]++;
            }
        }

        for (var severity = 0; severity < severities.Length; severity++)
        {
            if (severities[severity] > 0)
            {
                Line(log, now, handler, [("Severity", ((Severity)severity).ToWire())], [("Alerts", "Count", severities[severity])]);
            }
        }

        for (var slot = 0; slot < actions.Length; slot++)
        {
            if (actions[slot] > 0)
            {
                var (kind, status) = ((ActionKind)(slot / statuses), (ActionStatus)(slot % statuses));
                Line(log, now, handler, [("Action", kind.ToWire()), ("Status", status.ToWire())], [("Actions", "Count", actions[slot])]);
            }
        }
    }

    private static void Line(
        JsonLog log, DateTimeOffset now, string handler, (string Name, string Value)[] dimensions, (string Name, string Unit, double Value)[] metrics)
    {
        var w = log.BeginRaw();
        w.WriteStartObject();
        w.WriteStartObject("_aws");
        w.WriteNumber("Timestamp", now.ToUnixTimeMilliseconds());
        w.WriteStartArray("CloudWatchMetrics");
        w.WriteStartObject();
        w.WriteString("Namespace", Namespace);
        w.WriteStartArray("Dimensions");
        w.WriteStartArray();
        w.WriteStringValue("Handler");
        foreach (var (name, _) in dimensions)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteStartArray("Metrics");
        foreach (var (name, unit, _) in metrics)
        {
            w.WriteStartObject();
            w.WriteString("Name", name);
            w.WriteString("Unit", unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("Handler", handler);
        foreach (var (name, value) in dimensions)
        {
            w.WriteString(name, value);
        }

        foreach (var (name, _, value) in metrics)
        {
            w.WriteNumber(name, value);
        }

        w.WriteEndObject();
        log.EndRaw();
    }
}
