using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Responder.Core.Ingest;

namespace Responder.Core.Drill;

/// <summary>
/// Builds ready Lambda events for drills and tests: an alert in a chosen record shape (<see cref="RecordShape"/>),
/// inside a chosen envelope, optionally in the drill wrapper <c>{"drill":{"marker":...},"event":...}</c>.
/// </summary>
public static class DrillEvents
{
    public const string LogGroup = "/aws/containerinsights/prod-eks/application";
    private const string Account = "123456789012";
    private const string ContainerId = "8a25b09fafd98c7b67200dabb067a9ff799da31b1dfb4bf5fad49c778bc1776e";
    // Log shippers and CloudWatch escape only what JSON requires; the default encoder's HTML escaping
    // (<NA> as \u003CNA\u003E) would make drills and benchmarks unlike real deliveries.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = Compact with { Indented = true };

    public static string Build(DrillRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            if (request.Marker is { } marker)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("drill");
                writer.WriteString("marker", marker);
                writer.WriteEndObject();
                writer.WritePropertyName("event");
                WriteEnvelope(writer, request);
                writer.WriteEndObject();
            }
            else
            {
                WriteEnvelope(writer, request);
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>
    /// The Falco container's log stream on a node, named as Container Insights names it after the log file it
    /// tails: a record of the stream that carries no kubernetes block is trusted as the Falco pod's.
    /// </summary>
    public static string LogStream(string node) => $"{node}-application.var.log.containers.falco-x7k2p_falco_falco-{ContainerId}.log";

    /// <summary>One record in the requested shape, as the text a log shipper would deliver.</summary>
    public static string Record(DrillRequest request) => Json(w => WriteRecord(w, request));

    private static void WriteEnvelope(Utf8JsonWriter writer, DrillRequest request)
    {
        var records = Enumerable.Range(0, Math.Max(1, request.Count)).Select(_ => Record(request)).ToList();
        switch (request.Envelope)
        {
            case EnvelopeKind.CloudWatchLogs:
                writer.WriteStartObject();
                writer.WriteStartObject("awslogs");
                writer.WriteString("data", Convert.ToBase64String(Gzip(CloudWatchPayload(request, records))));
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case EnvelopeKind.Kinesis:
                WriteKinesis(writer, request, records);
                break;
            case EnvelopeKind.Sns:
                WriteSns(writer, request, records);
                break;
            case EnvelopeKind.Array:
                writer.WriteStartArray();
                records.ForEach(r => writer.WriteRawValue(r));
                writer.WriteEndArray();
                break;
            default:
                writer.WriteRawValue(records[0]);
                break;
        }
    }

    private static byte[] CloudWatchPayload(DrillRequest request, List<string> records) => Encoding.UTF8.GetBytes(Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("messageType", "DATA_MESSAGE");
        w.WriteString("owner", Account);
        w.WriteString("logGroup", LogGroup);
        w.WriteString("logStream", LogStream(Node(request)));
        w.WriteStartArray("subscriptionFilters");
        w.WriteStringValue("falco-responder");
        w.WriteEndArray();
        w.WriteStartArray("logEvents");
        var ms = request.Time.ToUnixTimeMilliseconds();
        for (var i = 0; i < records.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("id", EventId(ms, i));
            w.WriteNumber("timestamp", ms);
            w.WriteString("message", records[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }));

    private static void WriteKinesis(Utf8JsonWriter writer, DrillRequest request, List<string> records)
    {
        var sequence = "49590338271490256608559692538361571095921575989136588898";
        writer.WriteStartObject();
        writer.WriteStartArray("Records");
        writer.WriteStartObject();
        writer.WriteStartObject("kinesis");
        writer.WriteString("kinesisSchemaVersion", "1.0");
        writer.WriteString("partitionKey", "falco");
        writer.WriteString("sequenceNumber", sequence);
        writer.WriteString("data", Convert.ToBase64String(Gzip(CloudWatchPayload(request, records))));
        writer.WriteNumber("approximateArrivalTimestamp", request.Time.ToUnixTimeMilliseconds() / 1000.0);
        writer.WriteEndObject();
        writer.WriteString("eventSource", "aws:kinesis");
        writer.WriteString("eventVersion", "1.0");
        writer.WriteString("eventID", $"shardId-000000000000:{sequence}");
        writer.WriteString("eventName", "aws:kinesis:record");
        writer.WriteString("awsRegion", "eu-west-1");
        writer.WriteString("eventSourceARN", $"arn:aws:kinesis:eu-west-1:{Account}:stream/falco-alerts");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteSns(Utf8JsonWriter writer, DrillRequest request, List<string> records)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("Records");
        for (var i = 0; i < records.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("EventSource", "aws:sns");
            writer.WriteString("EventVersion", "1.0");
            writer.WriteStartObject("Sns");
            writer.WriteString("Type", "Notification");
            writer.WriteString("MessageId", $"8b4c2a6e-0d1f-4e3a-9c7b-{i:D12}");
            writer.WriteString("TopicArn", $"arn:aws:sns:eu-west-1:{Account}:falco-alerts");
            writer.WriteString("Message", records[i]);
            writer.WriteString("Timestamp", request.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter w, DrillRequest request)
    {
        var alert = Json(a => Object(a, () => DrillAlert.Write(a, request, sidekick: false)));
        switch (request.Shape)
        {
            case RecordShape.RawAlert:
                w.WriteRawValue(alert);
                break;
            case RecordShape.Sidekick:
                Object(w, () => DrillAlert.Write(w, request, sidekick: true));
                break;
            case RecordShape.LogString:
                Object(w, () => Shipper(w, request, log: alert + "\n"));
                break;
            case RecordShape.LogObject:
                Object(w, () =>
                {
                    w.WritePropertyName("log");
                    w.WriteRawValue(alert);
                    Shipper(w, request, log: null);
                });
                break;
            case RecordShape.Merged:
                Object(w, () =>
                {
                    DrillAlert.Write(w, request, sidekick: false);
                    Shipper(w, request, log: alert + "\n");
                });
                break;
            case RecordShape.MergedNoLog:
                Object(w, () =>
                {
                    DrillAlert.Write(w, request, sidekick: false);
                    Shipper(w, request, log: null);
                });
                break;
            case RecordShape.LogProcessed:
                Object(w, () =>
                {
                    Shipper(w, request, log: alert + "\n");
                    w.WritePropertyName("log_processed");
                    w.WriteRawValue(alert);
                });
                break;
            case RecordShape.MergeKey:
                Object(w, () =>
                {
                    w.WritePropertyName("data");
                    w.WriteRawValue(alert);
                    Shipper(w, request, log: null);
                });
                break;
        }
    }

    // What Fluent Bit adds: the stream and the kubernetes block of the pod that wrote the line (Falco's).
    private static void Shipper(Utf8JsonWriter w, DrillRequest request, string? log)
    {
        if (log is not null)
        {
            w.WriteString("log", log);
        }

        w.WriteString("stream", "stdout");
        w.WriteStartObject("kubernetes");
        w.WriteString("pod_name", "falco-x7k2p");
        w.WriteString("namespace_name", "falco");
        w.WriteString("container_name", "falco");
        w.WriteString("container_image", "docker.io/falcosecurity/falco:0.39.2");
        w.WriteString("host", Node(request));
        w.WriteStartObject("labels");
        w.WriteString("app.kubernetes.io/name", "falco");
        w.WriteString("app.kubernetes.io/instance", "falco");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Node(DrillRequest request) => request.Node ?? "ip-10-0-1-23.eu-west-1.compute.internal";

    private static void Object(Utf8JsonWriter w, Action body)
    {
        w.WriteStartObject();
        body();
        w.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // CloudWatch event ids are 56-digit decimal strings; these keep that form and stay unique per event.
    private static string EventId(long ms, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{ms:D20}{index:D36}");

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
