using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Responder.Harness.Lambda;

namespace Responder.Bench.Lambda;

/// <summary>
/// Decompression amplification: small events whose gzip payloads each inflate to just under the per-payload cap
/// (32 MiB) of minimal alerts — one CloudWatch Logs event, and a Kinesis batch of eight such records — each sent to a
/// fresh bootstrap that believes it is a function of the template's memory size. Peak RSS, time and what the report
/// says became of the records.
/// </summary>
internal static class Budget
{
    private const int PayloadBytes = (32 * 1024 * 1024) - 4096;

    /// <param name="bootstrap">The published bootstrap.</param>
    /// <param name="memoryMegabytes">The function's memory size, as Lambda tells the bootstrap.</param>
    /// <param name="kinesisRecords">Records in the Kinesis batch.</param>
    /// <param name="files">Further events to run the same way (a real-shaped 1 MB event, say), each with its inflated size.</param>
    public static async Task<int> RunAsync(string bootstrap, int memoryMegabytes, int kinesisRecords, IReadOnlyList<string> files)
    {
        var payload = Gzip(MinimalPayload(PayloadBytes));
        var events = new List<(string Name, byte[] Event, long Inflated)>
        {
            ("CloudWatch Logs event, 1 payload of minimal alerts", Encoding.UTF8.GetBytes(CloudWatch(payload)), PayloadBytes),
            ($"Kinesis batch, {kinesisRecords} records of minimal alerts", Encoding.UTF8.GetBytes(Kinesis(payload, kinesisRecords)), PayloadBytes * (long)kinesisRecords),
        };
        foreach (var file in files)
        {
            var body = File.ReadAllBytes(file);
            var data = Convert.FromBase64String((string)JsonNode.Parse(body)!["awslogs"]!["data"]!);
            using var inflated = new MemoryStream();
            using (var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress))
            {
                gzip.CopyTo(inflated);
            }

            events.Add((Path.GetFileName(file), body, inflated.Length));
        }

        Console.WriteLine($"each minimal payload: {PayloadBytes / 1048576.0:F1} MiB of minimal alerts, {payload.Length / 1024.0:F0} KiB gzipped; function memory {memoryMegabytes} MB");
        Console.WriteLine();
        Console.WriteLine("| event | event size (KiB) | inflated (MiB) | wall (s) | peak RSS (MiB) | outcome |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        await using var api = await RuntimeApiEmulator.StartAsync();
        foreach (var (name, body, inflated) in events)
        {
            using var process = BootstrapProcess.Start(bootstrap, api.Address, new Dictionary<string, string>
            {
                ["_HANDLER"] = "respond",
                ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = memoryMegabytes.ToString(CultureInfo.InvariantCulture),
            }, keepLogs: false);
            var clock = Stopwatch.StartNew();
            var reply = await api.InvokeAsync(body, TimeSpan.FromMinutes(5)).WaitAsync(TimeSpan.FromMinutes(6));
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = process.Memory().Peak / 1024.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {body.Length / 1024.0:F0} | {inflated / 1048576.0:F0} | {seconds:F2} | {peak:F0} | {Outcome(reply)} |"));
        }

        return 0;
    }

    private static string Outcome(RuntimeReply reply)
    {
        if (reply.IsError)
        {
            return "invocation error: " + reply.Text[..Math.Min(120, reply.Text.Length)].ReplaceLineEndings(" ");
        }

        if (JsonNode.Parse(reply.Text) is not JsonObject body)
        {
            return "unreadable response";
        }

        // A subscription or Kinesis delivery is answered with the summary (or the partial batch response) only.
        if (body["summary"] is JsonObject summary)
        {
            return $"received {summary["received"]}, alerts {summary["alerts"]}, rejected {summary["rejected"]}";
        }

        return body["batchItemFailures"] is JsonArray failures
            ? $"batchItemFailures: {string.Join(", ", failures.Select(f => ((string)f!["itemIdentifier"]!)[^4..]))}"
            : "no summary";
    }

    // Minimal alerts (two signature keys), as many as fit: the most records per inflated byte, and no ids or times,
    // which a log shipper would vary: what compresses best. In Falco's own stream, so every record is trusted and
    // goes the whole way (the repeats end as duplicates).
    private static string MinimalPayload(int bytes)
    {
        var text = new StringBuilder(bytes + 256);
        text.Append("""{"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/aws/containerinsights/prod/application","logStream":"ip-10-0-1-23.eu-west-1.compute.internal-application.var.log.containers.falco-x7k2p_falco_falco-f5bed22b9f4bed888f77f06c03a5d6aaef691682aa2820f6158919427f905194.log","subscriptionFilters":["falco"],"logEvents":[""");
        for (var i = 0; text.Length < bytes - 200; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("""{"message":"{\"rule\":\"r\",\"priority\":\"Debug\"}"}""");
        }

        return text.Append("]}").ToString();
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static string CloudWatch(byte[] payload) => new JsonObject { ["awslogs"] = new JsonObject { ["data"] = Convert.ToBase64String(payload) } }.ToJsonString();

    private static string Kinesis(byte[] payload, int count)
    {
        var data = Convert.ToBase64String(payload);
        var records = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            records.Add(new JsonObject
            {
                ["kinesis"] = new JsonObject
                {
                    ["kinesisSchemaVersion"] = "1.0",
                    ["partitionKey"] = "falco",
                    ["sequenceNumber"] = string.Create(CultureInfo.InvariantCulture, $"4959033827149025660855969253836157109592157598913658{8890 + i}"),
                    ["data"] = data,
                    ["approximateArrivalTimestamp"] = 1714790000.123,
                },
                ["eventSource"] = "aws:kinesis",
                ["eventID"] = $"shardId-000000000000:{i}",
                ["awsRegion"] = "eu-west-1",
            });
        }

        return new JsonObject { ["Records"] = records }.ToJsonString();
    }
}
