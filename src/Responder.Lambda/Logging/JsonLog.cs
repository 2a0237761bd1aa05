using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Responder.Core.Config;
using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;
using Responder.Core.State;

namespace Responder.Lambda.Logging;

/// <summary>
/// The function's log: one JSON object per line, in Lambda's JSON log format (timestamp, level,
/// message, requestId) plus stable domain fields, each line named by its <c>event</c>. Lines are
/// gathered in a fixed buffer and written out in large chunks: thousands of alerts must not cost
/// thousands of writes, nor a buffer as large as the whole invocation's log.
/// </summary>
internal sealed class JsonLog(Stream output, TimeProvider clock) : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private const int ChunkSize = 64 * 1024;
    private readonly ArrayBufferWriter<byte> _buffer = new(2 * ChunkSize);
    private readonly Utf8JsonWriter _writer = new(Stream.Null, Options);

    public void InitDone(string handler, string configSource, bool dryRun, ulong? heapLimit, double durationMs)
    {
        var w = Begin("INFO", "init.done", "responder ready", null);
        w.WriteString("handler", handler);
        w.WriteString("config", configSource);
        w.WriteBoolean("dryRun", dryRun);
        if (heapLimit is { } limit)
        {
            w.WriteNumber("gcHeapLimitBytes", limit);
        }

        w.WriteNumber("durationMs", Math.Round(durationMs, 2));
        End();
    }

    /// <summary>One line per configuration warning at init, as `responder validate` prints them: the configuration still runs.</summary>
    public void ConfigWarning(ConfigError warning)
    {
        var w = Begin("WARN", "config.warning", warning.ToString(), null);
        w.WriteString("key", warning.Path);
        End();
    }

    public void Failed(string? requestId, string eventName, RuntimeFailure failure)
    {
        var w = Begin("ERROR", eventName, failure.Message, requestId);
        w.WriteString("errorType", failure.ErrorType);
        End();
    }

    public void Rejected(string requestId, Rejection rejection)
    {
        var w = Begin("WARN", "record.rejected", "record rejected", requestId);
        w.WriteString("id", rejection.Id);
        w.WriteString("code", rejection.Code.ToWire());
        w.WriteString("reason", rejection.Message);
        End();
    }

    /// <summary>A blast-radius limit reached, once per window across instances: further deletes or cordons are skipped.</summary>
    public void CircuitOpen(string requestId, CircuitOpen circuit)
    {
        var w = Begin("ERROR", "circuit.open", circuit.Describe(), requestId);
        w.WriteString("limit", circuit.Limit);
        w.WriteNumber("max", circuit.Max);
        w.WriteString("cluster", circuit.Cluster);
        w.WriteString("until", circuit.Until);
        w.WriteNumber("refused", circuit.Refused);
        End();
    }

    /// <summary>One line per alert: its ranking and every action decided, with status and reason.</summary>
    public void Decided(string requestId, AlertOutcome outcome)
    {
        var w = Begin(outcome.Ranking.Severity >= Severity.High ? Names.Warn : Names.Info, Names.AlertDecided, Names.AlertDecidedMessage, requestId);
        AlertFields(w, outcome);
        w.WriteNumber(Names.Score, outcome.Ranking.Score);
        w.WriteString(Names.Severity, outcome.Ranking.Severity.ToWire());
        w.WriteBoolean(Names.DryRun, outcome.DryRun);
        w.WriteBoolean(Names.Drill, outcome.Record.Origin.Drill);
        w.WriteStartArray(Names.MatchedRules);
        foreach (var rule in outcome.MatchedRules)
        {
            w.WriteStringValue(rule);
        }

        w.WriteEndArray();
        w.WriteStartArray(Names.Actions);
        foreach (var action in outcome.Actions)
        {
            w.WriteStartObject();
            w.WriteString(Names.Action, Names.Kind(action.Kind));
            w.WriteString(Names.Target, action.Target);
            w.WriteString(Names.Status, Names.StatusOf(action.Status));
            w.WriteString(Names.Reason, action.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        End();
    }

    /// <summary>One line per action a port carried out (or tried to): what acting on the cluster or notifying gave.</summary>
    public void Acted(string requestId, AlertOutcome outcome, PlannedAction action)
    {
        var w = Begin(action.Status == ActionStatus.Failed ? Names.Error : Names.Info, Names.ActionOutcome, Names.ActionOutcomeMessage, requestId);
        AlertFields(w, outcome);
        w.WriteString(Names.Action, Names.Kind(action.Kind));
        w.WriteString(Names.Target, action.Target);
        w.WriteString(Names.Outcome, Names.StatusOf(action.Status));
        w.WriteString(Names.Reason, action.Reason);
        w.WriteBoolean(Names.DryRun, action.HeldByDryRun);
        w.WriteString(Names.PolicyRule, action.PolicyRule);
        End();
    }

    public void Summary(string requestId, ReportSummary summary, EnvelopeKind envelope, bool drill, double durationMs)
    {
        var w = Begin("INFO", "invocation.summary", "invocation done", requestId);
        w.WriteString("envelope", envelope.ToString());
        w.WriteBoolean("drill", drill);
        w.WriteNumber("received", summary.Received);
        w.WriteNumber("alerts", summary.Alerts);
        w.WriteNumber("rejected", summary.Rejected);
        w.WriteStartObject("actions");
        foreach (var (kind, count) in summary.Actions)
        {
            w.WriteNumber(kind.ToWire(), count);
        }

        w.WriteEndObject();
        w.WriteNumber("durationMs", Math.Round(durationMs, 2));
        w.WriteString("traceId", Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"));
        w.WriteNumber("gcHeapBytes", GC.GetTotalMemory(false));
        End();
    }

    /// <summary>Appends a line written elsewhere (an EMF document).</summary>
    public Utf8JsonWriter BeginRaw()
    {
        _writer.Reset(_buffer);
        return _writer;
    }

    /// <summary>Ends a line begun with <see cref="BeginRaw"/>, whose writer has closed its own object.</summary>
    public void EndRaw()
    {
        _writer.Flush();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= ChunkSize)
        {
            Flush();
        }
    }

    private void End()
    {
        _writer.WriteEndObject();
        EndRaw();
    }

    /// <summary>Writes the buffered lines out (at the end of each invocation, and whenever a chunk fills).</summary>
    public void Flush()
    {
        if (_buffer.WrittenCount > 0)
        {
            output.Write(_buffer.WrittenSpan);
            output.Flush();
            _buffer.ResetWrittenCount();
        }
    }

    public void Dispose() => _writer.Dispose();

    private Utf8JsonWriter Begin(string level, string eventName, string message, string? requestId) =>
        Begin(JsonEncodedText.Encode(level, Options.Encoder), JsonEncodedText.Encode(eventName, Options.Encoder), JsonEncodedText.Encode(message, Options.Encoder), requestId);

    // The per-alert lines run thousands of times an invocation: their names and fixed values are encoded once (Names).
    private Utf8JsonWriter Begin(JsonEncodedText level, JsonEncodedText eventName, JsonEncodedText message, string? requestId)
    {
        var w = BeginRaw();
        w.WriteStartObject();
        w.WriteString(Names.Timestamp, clock.GetUtcNow().UtcDateTime);
        w.WriteString(Names.Level, level);
        w.WriteString(Names.Message, message);
        if (requestId is not null)
        {
            w.WriteString(Names.RequestId, requestId);
        }

        w.WriteString(Names.Event, eventName);
        return w;
    }

    private static void AlertFields(Utf8JsonWriter w, AlertOutcome outcome)
    {
        var alert = outcome.Alert;
        w.WriteString(Names.Id, outcome.Id);
        w.WriteString(Names.Rule, alert.Rule);
        w.WriteString(Names.Priority, alert.PriorityName);
        w.WriteString(Names.Namespace, alert.Target.Namespace);
        w.WriteString(Names.Pod, alert.Target.Pod);
        w.WriteString(Names.Node, alert.Target.Node);
    }
}
