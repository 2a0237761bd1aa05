using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Responder.Harness;

/// <summary>Lambda event envelopes (CloudWatch Logs, Kinesis, SNS, direct, array) around record texts, one JSON document each.</summary>
public static class Envelopes
{
    public const string LogGroup = "/aws/containerinsights/prod/application";
    /// <summary>A container id as the kubelet writes it into log file names: 64 hex digits.</summary>
    public const string ContainerId = "f5bed22b9f4bed888f77f06c03a5d6aaef691682aa2820f6158919427f905194";

    /// <summary>The Falco container's stream in the Container Insights group: a record without a kubernetes block is trusted on it.</summary>
    public const string LogStream = "ip-10-0-1-23.eu-west-1.compute.internal-application.var.log.containers.falco-x7k2p_falco_falco-" + ContainerId + ".log";

    /// <summary>The log stream Container Insights' Fluent Bit writes a container's lines to, named after the file it tails.</summary>
    public static string ContainerStream(string pod, string ns, string container, string node = "ip-10-0-1-23.eu-west-1.compute.internal") =>
        $"{node}-application.var.log.containers.{pod}_{ns}_{container}-{ContainerId}.log";

    // As AWS writes JSON: only what JSON requires is escaped (a quote is \", not \u0022).
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string CloudWatch(
        IEnumerable<string> messages, string messageType = "DATA_MESSAGE", string logGroup = LogGroup, long firstId = 1, string logStream = LogStream) =>
        CloudWatchEnvelope(Gzip(CloudWatchPayload(messages, messageType, logGroup, firstId, logStream)));

    public static string CloudWatchEnvelope(byte[] gzipped) =>
        new JsonObject { ["awslogs"] = new JsonObject { ["data"] = Convert.ToBase64String(gzipped) } }.ToJsonString();

    public static string CloudWatchPayload(
        IEnumerable<string> messages, string messageType = "DATA_MESSAGE", string logGroup = LogGroup, long firstId = 1, string logStream = LogStream)
    {
        var events = new JsonArray();
        var id = firstId;
        foreach (var message in messages)
        {
            events.Add(new JsonObject
            {
                ["id"] = EventId(id++),
                ["timestamp"] = 1714830245478,
                ["message"] = message,
            });
        }

        return new JsonObject
        {
            ["messageType"] = messageType,
            ["owner"] = "123456789012",
            ["logGroup"] = logGroup,
            ["logStream"] = logStream,
            ["subscriptionFilters"] = new JsonArray("falco-responder"),
            ["logEvents"] = events,
        }.ToJsonString(Relaxed);
    }

    /// <summary>CloudWatch event ids are 56-digit strings.</summary>
    public static string EventId(long n) => n.ToString("D56", System.Globalization.CultureInfo.InvariantCulture);

    public static string Kinesis(params IEnumerable<string>[] payloads)
    {
        var records = new JsonArray();
        var sequence = 0;
        foreach (var messages in payloads)
        {
            records.Add(KinesisRecord(Convert.ToBase64String(Gzip(CloudWatchPayload(messages))), $"4959033827149025660855969253836157109592157598913658889{sequence++}"));
        }

        return new JsonObject { ["Records"] = records }.ToJsonString();
    }

    public static JsonObject KinesisRecord(string data, string sequence) => new()
    {
        ["kinesis"] = new JsonObject
        {
            ["kinesisSchemaVersion"] = "1.0",
            ["partitionKey"] = "falco",
            ["sequenceNumber"] = sequence,
            ["data"] = data,
            ["approximateArrivalTimestamp"] = 1714830245.478,
        },
        ["eventSource"] = "aws:kinesis",
        ["eventID"] = $"shardId-000000000000:{sequence}",
        ["eventName"] = "aws:kinesis:record",
    };

    public static string Sns(params string[] messages)
    {
        var records = new JsonArray();
        for (var i = 0; i < messages.Length; i++)
        {
            records.Add(new JsonObject
            {
                ["EventSource"] = "aws:sns",
                ["Sns"] = new JsonObject
                {
                    ["Type"] = "Notification",
                    ["MessageId"] = $"msg-{i + 1}",
                    ["TopicArn"] = "arn:aws:sns:eu-west-1:123456789012:falco",
                    ["Message"] = messages[i],
                },
            });
        }

        return new JsonObject { ["Records"] = records }.ToJsonString();
    }

    public static string Array(params string[] records) =>
        new JsonArray([.. records.Select(r => JsonNode.Parse(r))]).ToJsonString();

    public static string Drill(string envelope, string marker = "falco-responder-drill") =>
        new JsonObject { ["drill"] = new JsonObject { ["marker"] = marker }, ["event"] = JsonNode.Parse(envelope) }.ToJsonString();

    public static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Documents as an input stream, one per line.</summary>
    public static MemoryStream Lines(params string[] documents) =>
        new(Encoding.UTF8.GetBytes(string.Join("\n", documents) + "\n"));
}
