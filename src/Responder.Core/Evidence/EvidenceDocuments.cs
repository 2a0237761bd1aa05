using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;

namespace Responder.Core.Evidence;

/// <summary>
/// The JSON kept beside a pod's manifest and logs: the alert exactly as received, and the decision about it with the
/// record of what was collected (sizes, caps, hashes), which is written last and so marks a complete set.
/// </summary>
public static class EvidenceDocuments
{
    /// <summary>The alert object as it arrived, byte for byte in meaning (re-serialised from the decoded record).</summary>
    public static byte[] Alert(AlertOutcome outcome) => Write(writer => outcome.Alert.Json.WriteTo(writer));

    /// <param name="outcome">The alert and what was decided for it.</param>
    /// <param name="cluster">The cluster the pod is in.</param>
    /// <param name="pod">The pod as read.</param>
    /// <param name="folder">Where the set is.</param>
    /// <param name="manifestSha256">Hex SHA-256 of pod.json.</param>
    /// <param name="logs">Each log asked for.</param>
    /// <param name="maxLogBytes">The cap on each log.</param>
    /// <param name="collected">When the set was made.</param>
    public static byte[] Decision(AlertOutcome outcome, string cluster, PodFacts pod, string folder, string manifestSha256,
        IReadOnlyList<CollectedLog> logs, int maxLogBytes, DateTimeOffset collected) => Write(writer =>
    {
        var alert = outcome.Alert;
        writer.WriteStartObject();
        writer.WriteString("collectedAt"u8, collected.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("cluster"u8, cluster);
        writer.WriteString("folder"u8, folder);
        writer.WriteStartObject("record"u8);
        writer.WriteString("id"u8, outcome.Id);
        writer.WriteString("envelope"u8, outcome.Record.Origin.Envelope.ToString());
        writer.WriteString("logGroup"u8, outcome.Record.Origin.LogGroup);
        writer.WriteString("logStream"u8, outcome.Record.Origin.LogStream);
        writer.WriteBoolean("drill"u8, outcome.Record.Origin.Drill);
        writer.WriteEndObject();
        writer.WriteStartObject("alert"u8);
        writer.WriteString("rule"u8, alert.Rule);
        writer.WriteString("priority"u8, alert.PriorityName);
        writer.WriteString("source"u8, alert.Source);
        writer.WriteString("time"u8, alert.Time);
        writer.WriteString("hostname"u8, alert.Hostname);
        writer.WriteString("namespace"u8, alert.Target.Namespace);
        writer.WriteString("pod"u8, alert.Target.Pod);
        writer.WriteString("podUid"u8, alert.Target.PodUid);
        writer.WriteEndObject();
        writer.WriteStartObject("pod"u8);
        writer.WriteString("namespace"u8, pod.Namespace);
        writer.WriteString("name"u8, pod.Name);
        writer.WriteString("uid"u8, pod.Uid);
        writer.WriteString("node"u8, pod.NodeName);
        writer.WriteEndObject();
        writer.WriteNumber("score"u8, outcome.Ranking.Score);
        writer.WriteString("severity"u8, outcome.Ranking.Severity.ToWire());
        writer.WriteStartArray("matchedRules"u8);
        foreach (var rule in outcome.MatchedRules)
        {
            writer.WriteStringValue(rule);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("dryRun"u8, outcome.DryRun);
        writer.WriteStartArray("actions"u8);
        foreach (var action in outcome.Actions)
        {
            writer.WriteStartObject();
            writer.WriteString("action"u8, action.Kind.ToWire());
            writer.WriteString("policyRule"u8, action.PolicyRule);
            writer.WriteString("target"u8, action.Target);
            writer.WriteString("status"u8, action.Status.ToWire());
            writer.WriteString("reason"u8, action.Reason);
            if (action.Kind == ActionKind.CollectEvidence)
            {
                writer.WriteString("onEvidenceFailure"u8, action.Spec.OnEvidenceFailure == EvidenceFailure.Hold ? "hold" : "proceed");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("manifest"u8);
        writer.WriteString("key"u8, EvidenceKeys.Manifest(folder));
        writer.WriteString("sha256"u8, manifestSha256);
        writer.WriteEndObject();
        writer.WriteNumber("maxLogBytesPerContainer"u8, maxLogBytes);
        writer.WriteStartArray("logs"u8);
        foreach (var log in logs)
        {
            writer.WriteStartObject();
            writer.WriteString("container"u8, log.Container);
            writer.WriteBoolean("previous"u8, log.Previous);
            writer.WriteString("key"u8, log.Key);
            writer.WriteNumber("bytes"u8, log.Bytes);
            writer.WriteBoolean("truncated"u8, log.Truncated);
            writer.WriteString("sha256"u8, log.Sha256);
            writer.WriteString("unavailable"u8, log.Unavailable);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
