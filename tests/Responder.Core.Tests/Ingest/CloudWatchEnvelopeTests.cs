using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Ingest;

/// <summary>CloudWatch Logs subscription envelopes: base64, gzip, the payload, and its limits.</summary>
public sealed class CloudWatchEnvelopeTests
{
    private const string MaxEnvelope1MiB = "[limits]\nmax_envelope_bytes = 1048576";

    // 200 MiB of spaces inside a valid payload; built once, it takes a second to compress.
    private static readonly Lazy<byte[]> Bomb = new(() => BombPayload(200 * 1024 * 1024));

    [Fact]
    public async Task Run_LogEvents_UseCloudWatchEventIdsAsIds()
    {
        var input = Envelopes.CloudWatch([Fixtures.Alert("terminal-shell"), Fixtures.Alert("drop-and-execute"), "not an alert"], firstId: 7);

        var report = await ReportRunner.RunAsync(input);

        ReportAssert.Accounted(report, alerts: 2, rejected: 1);
        Assert.Equal([Envelopes.EventId(7), Envelopes.EventId(8)], ReportAssert.AlertIds(report));
        Assert.Equal([Envelopes.EventId(9)], ReportAssert.RejectedIds(report));
    }

    [Fact]
    public async Task Run_ControlMessage_AddsNoRecords()
    {
        var control = Envelopes.CloudWatch(["CWL CONTROL MESSAGE: Checking health of destination Firehose."], messageType: "CONTROL_MESSAGE");

        var report = await ReportRunner.RunAsync(control + "\n" + Fixtures.Alert("terminal-shell"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        Assert.Equal("2", ReportAssert.Text(report.Alerts()[0]!, "id"));
    }

    [Fact]
    public async Task Run_BadBase64_IsOneMalformedAndNextLineProcessed()
    {
        var report = await ReportRunner.RunAsync("{\"awslogs\":{\"data\":\"H4sI***not base64***\"}}\n" + Fixtures.Alert("terminal-shell"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        Assert.Equal("malformed", ReportAssert.Text(report.Rejected()[0]!, "code"));
        Assert.Equal("1", ReportAssert.Text(report.Rejected()[0]!, "id"));
        Assert.Equal("awslogs.data is not valid base64", ReportAssert.Text(report.Rejected()[0]!, "message"));
        Assert.Equal("2", ReportAssert.Text(report.Alerts()[0]!, "id"));
    }

    [Fact]
    public async Task Run_DataNotGzip_IsMalformed()
    {
        var payload = Envelopes.CloudWatchPayload([Fixtures.Alert("terminal-shell")]);
        var input = Envelopes.CloudWatchEnvelope(Encoding.UTF8.GetBytes(payload));

        var report = await ReportRunner.RunAsync(input);

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1", "malformed");
        Assert.Equal("awslogs.data is not gzip-compressed", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_CorruptGzip_IsMalformed()
    {
        var gzipped = Envelopes.Gzip(Envelopes.CloudWatchPayload([Fixtures.Alert("terminal-shell")]));
        // Keep the 10-byte gzip header; 0xFF starts a deflate block of the reserved type 3.
        gzipped.AsSpan(10, 16).Fill(0xFF);

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatchEnvelope(gzipped) + "\n" + Fixtures.Alert("terminal-shell"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        Assert.Equal("malformed", ReportAssert.Text(report.Rejected()[0]!, "code"));
        Assert.StartsWith("awslogs.data is not a valid gzip stream", ReportAssert.Text(report.Rejected()[0]!, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GzipDamagedPartWay_KeepsTheEventsInflatedBeforeTheDamage()
    {
        var events = Enumerable.Range(0, 400).Select(i => Fixtures.Alert("terminal-shell").Replace("bash", $"bash{i}", StringComparison.Ordinal));
        var gzipped = Envelopes.Gzip(Envelopes.CloudWatchPayload(events));
        gzipped.AsSpan(gzipped.Length * 3 / 4, 64).Fill(0xFF);

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatchEnvelope(gzipped));

        Assert.Equal(report.Alerts().Count + 1, report.Summary()["received"]!.GetValue<int>());
        Assert.InRange(report.Alerts().Count, 100, 399);
        var rejection = ReportAssert.SingleRejection(report, "1", "malformed");
        Assert.StartsWith("awslogs.data is damaged", ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
        Assert.Contains($"after {report.Alerts().Count} complete log events", ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TruncatedGzip_KeepsCompleteEventsAndRejectsTheTruncationOnce()
    {
        // The last event is incompressible, so cutting the stream lands inside it.
        var random = new Random(20240504);
        var noise = Fixtures.AlertNode("read-sensitive-file");
        noise["output_fields"]!["proc.cmdline"] = Convert.ToHexString(random.GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 4096));
        var gzipped = Envelopes.Gzip(Envelopes.CloudWatchPayload([Fixtures.Alert("terminal-shell"), Fixtures.Alert("drop-and-execute"), noise.ToJsonString()]));
        var cut = gzipped[..(gzipped.Length - 1500)];

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatchEnvelope(cut) + "\n" + Fixtures.Alert("debugfs-privileged"));

        ReportAssert.Accounted(report, alerts: 3, rejected: 1);
        Assert.Equal([Envelopes.EventId(1), Envelopes.EventId(2), "2"], ReportAssert.AlertIds(report));
        var rejection = report.Rejected()[0]!;
        Assert.Equal("1", ReportAssert.Text(rejection, "id"));
        Assert.Equal("malformed", ReportAssert.Text(rejection, "code"));
        var message = ReportAssert.Text(rejection, "message");
        Assert.StartsWith("awslogs.data ends early (truncated gzip); the CloudWatch Logs payload breaks off after 2 complete log events", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GzipBomb_IsTooLargeAndNothingElseLost()
    {
        var gzipped = Bomb.Value;
        var config = TestConfig.From(MaxEnvelope1MiB);
        var input = Envelopes.Lines(Fixtures.Alert("terminal-shell"), Envelopes.CloudWatchEnvelope(gzipped), Fixtures.Alert("read-sensitive-file"));

        var report = await ReportRunner.RunAsync(input, config);

        ReportAssert.Accounted(report, alerts: 2, rejected: 1);
        Assert.Equal(["1", "3"], ReportAssert.AlertIds(report));
        var rejection = report.Rejected()[0]!;
        Assert.Equal("2", ReportAssert.Text(rejection, "id"));
        Assert.Equal("too-large", ReportAssert.Text(rejection, "code"));
        Assert.Equal("awslogs.data inflates past limits.max_envelope_bytes (1048576): inflating stopped there; the 0 log event(s) before it were read, the rest is not", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_GzipBombInKinesis_IsTooLargeForThatRecordOnly()
    {
        var bomb = Envelopes.KinesisRecord(Convert.ToBase64String(Bomb.Value), "49590338271490256608559692538361571095921575989136588891");
        var good = Envelopes.KinesisRecord(Convert.ToBase64String(Envelopes.Gzip(Envelopes.CloudWatchPayload([Fixtures.Alert("terminal-shell")]))), "49590338271490256608559692538361571095921575989136588892");
        var input = new JsonObject { ["Records"] = new JsonArray(bomb, good) }.ToJsonString();

        var report = await ReportRunner.RunAsync(input, TestConfig.From(MaxEnvelope1MiB));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "49590338271490256608559692538361571095921575989136588891", "too-large");
        Assert.StartsWith("kinesis.data inflates past limits.max_envelope_bytes (1048576)", ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
        Assert.Equal([Envelopes.EventId(1)], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task Run_MessageOverMaxMessageBytes_RejectsThatRecordOnly()
    {
        var big = Fixtures.AlertNode("terminal-shell");
        big["output_fields"]!["proc.cmdline"] = new string('x', 300 * 1024);
        var bigText = big.ToJsonString();

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([Fixtures.Alert("drop-and-execute"), bigText, Fixtures.Alert("read-sensitive-file")]));

        ReportAssert.Accounted(report, alerts: 2, rejected: 1);
        Assert.Equal([Envelopes.EventId(1), Envelopes.EventId(3)], ReportAssert.AlertIds(report));
        var rejection = ReportAssert.SingleRejection(report, Envelopes.EventId(2), "too-large");
        Assert.Equal(
            $"message of {Encoding.UTF8.GetByteCount(bigText)} bytes exceeds limits.max_message_bytes (262144)",
            ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_MessageNestedDeeperThanMaxJsonDepth_RejectsThatRecordOnly()
    {
        var deep = Fixtures.Alert("terminal-shell")[..^1] + ",\"extra\":" + new string('[', 70) + new string(']', 70) + "}";

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([deep, Fixtures.Alert("drop-and-execute")]));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, Envelopes.EventId(1), "too-large");
        Assert.Equal("JSON nested deeper than limits.max_json_depth (64)", ReportAssert.Text(rejection, "message"));
        Assert.Equal([Envelopes.EventId(2)], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task Run_LogStringNestedDeeperThanMaxJsonDepth_IsTooLarge()
    {
        var deep = Fixtures.Alert("terminal-shell")[..^1] + ",\"extra\":" + new string('{', 1) + string.Concat(Enumerable.Repeat("\"a\":{", 69)) + new string('}', 70) + "}";
        var record = new JsonObject { ["log"] = deep + "\n", ["stream"] = "stdout" }.ToJsonString();

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([record]));

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, Envelopes.EventId(1), "too-large");
        Assert.Contains("max_json_depth (64)", ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PayloadNestedDeeperThanMaxJsonDepth_IsTooLarge()
    {
        var payload = "{\"messageType\":\"DATA_MESSAGE\",\"extra\":" + new string('[', 70) + new string(']', 70) + ",\"logEvents\":[]}";

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatchEnvelope(Envelopes.Gzip(payload)));

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1", "too-large");
        Assert.EndsWith("JSON nested deeper than limits.max_json_depth (64)", ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FalcoBannerAndStderrLines_AreNotAlerts()
    {
        string[] messages =
        [
            "Fri May  3 12:00:00 2024: Falco version: 0.39.2 (x86_64)",
            "{\"log\":\"Loading rules from file /etc/falco/falco_rules.yaml\\n\",\"stream\":\"stderr\"}",
            "{\"log\":\"{\\\"level\\\":\\\"info\\\",\\\"msg\\\":\\\"Starting health webserver\\\"}\\n\",\"stream\":\"stderr\"}",
            "",
            Fixtures.Alert("terminal-shell"),
        ];

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch(messages));

        ReportAssert.Accounted(report, alerts: 1, rejected: 4);
        Assert.Equal(["not-an-alert", "not-an-alert", "not-an-alert", "not-an-alert"], report.RejectedCodes());
        Assert.Equal(
            [
                "the message is plain text, not a JSON alert",
                "the log line is plain text (a Falco log message, not an alert)",
                "the log line is JSON but not a Falco alert",
                "the message is empty",
            ],
            ReportAssert.Texts(report.Rejected(), "message"));
        Assert.Equal([Envelopes.EventId(5)], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task Run_PayloadWithoutLogEvents_IsMalformed()
    {
        var report = await ReportRunner.RunAsync(Envelopes.CloudWatchEnvelope(Envelopes.Gzip("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\"}")));

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1", "malformed");
        Assert.Equal("the CloudWatch Logs payload has no logEvents array", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_LogEventWithoutStringMessage_IsMalformedAndSiblingsKept()
    {
        // The log stream is the Falco container's, so that the alert without shipper metadata is trusted.
        var payload = "{\"messageType\":\"DATA_MESSAGE\",\"logStream\":\"" + Envelopes.LogStream + "\",\"logEvents\":[{\"id\":\"a\",\"timestamp\":1,\"message\":{\"rule\":\"x\"}},{\"id\":\"b\",\"timestamp\":1},42,"
            + new JsonObject { ["id"] = "c", ["timestamp"] = 1, ["message"] = Fixtures.Alert("terminal-shell") }.ToJsonString() + "]}";

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatchEnvelope(Envelopes.Gzip(payload)));

        ReportAssert.Accounted(report, alerts: 1, rejected: 3);
        Assert.Equal(["malformed", "malformed", "malformed"], report.RejectedCodes());
        Assert.Equal(["a", "b", "1:3"], ReportAssert.RejectedIds(report));
        Assert.Equal(
            ["the log event's message is not a string", "the log event has no message", "log event 3 is not a JSON object"],
            ReportAssert.Texts(report.Rejected(), "message"));
        Assert.Equal(["c"], ReportAssert.AlertIds(report));
    }

    /// <summary>A valid payload with a run of spaces between its tokens: harmless JSON, huge when inflated.</summary>
    private static byte[] BombPayload(int spaces)
    {
        var head = Encoding.UTF8.GetBytes("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[");
        var tail = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = "1", ["timestamp"] = 1, ["message"] = Fixtures.Alert("terminal-shell") }.ToJsonString() + "]}");
        var chunk = new byte[1024 * 1024];
        chunk.AsSpan().Fill((byte)' ');
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(head);
            for (var written = 0; written < spaces; written += chunk.Length)
            {
                gzip.Write(chunk);
            }

            gzip.Write(tail);
        }

        return output.ToArray();
    }
}
