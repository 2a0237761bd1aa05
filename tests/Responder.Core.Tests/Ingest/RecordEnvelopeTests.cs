using System.Text;
using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Ingest;

/// <summary>Envelopes with records (Kinesis, SNS), arrays, drills and other top-level JSON: ids and rejections.</summary>
public sealed class RecordEnvelopeTests
{
    private const string Sequence1 = "49590338271490256608559692538361571095921575989136588891";
    private const string Sequence2 = "49590338271490256608559692538361571095921575989136588892";

    [Fact]
    public async Task Run_KinesisRecordWithRawAlertJson_IsAnAlertWithSequenceNumberId()
    {
        var raw = Envelopes.KinesisRecord(Convert.ToBase64String(Encoding.UTF8.GetBytes(Fixtures.Alert("drop-and-execute"))), Sequence1);

        var report = await ReportRunner.RunAsync(new JsonObject { ["Records"] = new JsonArray(raw) }.ToJsonString());

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        var alert = report.Alerts()[0]!;
        Assert.Equal(Sequence1, ReportAssert.Text(alert, "id"));
        Assert.Equal("Drop and execute new binary in container", ReportAssert.Text(alert, "rule"));
        Assert.Equal("checkout", ReportAssert.Text(alert, "namespace"));
    }

    [Fact]
    public async Task Run_KinesisBadBase64_IsMalformedWithSequenceNumberIdAndNextRecordProcessed()
    {
        var bad = Envelopes.KinesisRecord("%%% not base64 %%%", Sequence1);
        var good = Envelopes.KinesisRecord(Convert.ToBase64String(Envelopes.Gzip(Envelopes.CloudWatchPayload([Fixtures.Alert("terminal-shell")]))), Sequence2);

        var report = await ReportRunner.RunAsync(new JsonObject { ["Records"] = new JsonArray(bad, good) }.ToJsonString());

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, Sequence1, "malformed");
        Assert.Equal("kinesis.data is not valid base64", ReportAssert.Text(rejection, "message"));
        Assert.Equal([Envelopes.EventId(1)], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task Run_KinesisRecordWithoutData_IsMalformed()
    {
        var record = Envelopes.KinesisRecord("x", Sequence1);
        record["kinesis"]!.AsObject().Remove("data");

        var report = await ReportRunner.RunAsync(new JsonObject { ["Records"] = new JsonArray(record) }.ToJsonString());

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, Sequence1, "malformed");
        Assert.Equal("kinesis.data is missing or not a string", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_SnsRecords_UseMessageIdAsId()
    {
        var report = await ReportRunner.RunAsync(Envelopes.Sns(Fixtures.Alert("terminal-shell"), "hello", Fixtures.Alert("debugfs-privileged")));

        ReportAssert.Accounted(report, alerts: 2, rejected: 1);
        Assert.Equal(["msg-1", "msg-3"], ReportAssert.AlertIds(report));
        var rejection = ReportAssert.SingleRejection(report, "msg-2", "not-an-alert");
        Assert.Equal("the message is plain text, not a JSON alert", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_SnsRecordWithoutMessageId_UsesItsPosition()
    {
        var input = JsonNode.Parse(Envelopes.Sns(Fixtures.Alert("terminal-shell"), Fixtures.Alert("drop-and-execute")))!;
        input["Records"]![1]!["Sns"]!.AsObject().Remove("MessageId");

        var report = await ReportRunner.RunAsync(input.ToJsonString());

        ReportAssert.Accounted(report, alerts: 2, rejected: 0);
        Assert.Equal(["msg-1", "1:2"], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task Run_ArrayElements_GetLineAndOneBasedIndexIds()
    {
        var input = Envelopes.Lines(
            Fixtures.Alert("read-sensitive-file"),
            Envelopes.Array(Fixtures.Alert("terminal-shell"), "{\"hello\":\"world\"}", Fixtures.Alert("drop-and-execute")));

        var report = await ReportRunner.RunAsync(input);

        ReportAssert.Accounted(report, alerts: 3, rejected: 1);
        Assert.Equal(["1", "2:1", "2:3"], ReportAssert.AlertIds(report));
        ReportAssert.SingleRejection(report, "2:2", "not-an-alert");
    }

    [Fact]
    public async Task Run_ArrayOfAlertStrings_ReadsEachString()
    {
        var input = new JsonArray(Fixtures.Alert("terminal-shell"), 42).ToJsonString();

        var report = await ReportRunner.RunAsync(input);

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        Assert.Equal(["1:1"], ReportAssert.AlertIds(report));
        var rejection = ReportAssert.SingleRejection(report, "1:2", "not-an-alert");
        Assert.Equal("a JSON number, not an alert object", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_RecordsEntryNeitherKinesisNorSns_IsNotAnAlert()
    {
        var input = new JsonObject
        {
            ["Records"] = new JsonArray(
                new JsonObject { ["eventSource"] = "aws:s3", ["s3"] = new JsonObject { ["bucket"] = new JsonObject { ["name"] = "logs" } } },
                JsonNode.Parse(Envelopes.Sns(Fixtures.Alert("terminal-shell")))!["Records"]![0]!.DeepClone(),
                "just text"),
        }.ToJsonString();

        var report = await ReportRunner.RunAsync(input);

        ReportAssert.Accounted(report, alerts: 1, rejected: 2);
        Assert.Equal(["msg-1"], ReportAssert.AlertIds(report));
        Assert.Equal(["1:1", "1:3"], ReportAssert.RejectedIds(report));
        Assert.Equal(["not-an-alert", "not-an-alert"], report.RejectedCodes());
        Assert.Equal("record 1 is neither a Kinesis nor an SNS record (eventSource aws:s3)", ReportAssert.Text(report.Rejected()[0]!, "message"));
        Assert.Equal("record 3 is neither a Kinesis nor an SNS record (eventSource none)", ReportAssert.Text(report.Rejected()[1]!, "message"));
    }

    [Fact]
    public async Task Run_DrillWrapperWithoutEvent_IsMalformed()
    {
        var report = await ReportRunner.RunAsync("{\"drill\":{\"marker\":\"falco-responder-drill\"}}\n" + Fixtures.Alert("terminal-shell"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = report.Rejected()[0]!;
        Assert.Equal("1", ReportAssert.Text(rejection, "id"));
        Assert.Equal("malformed", ReportAssert.Text(rejection, "code"));
        Assert.Equal("the drill wrapper has no \"event\"", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_DrillWrapperAroundAlert_IsAnAlert()
    {
        var report = await ReportRunner.RunAsync(Envelopes.Drill(Fixtures.Alert("terminal-shell")));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        Assert.Equal("1", ReportAssert.Text(report.Alerts()[0]!, "id"));
    }

    [Theory]
    [InlineData("\"just a string\"", "the message is plain text, not a JSON alert")]
    [InlineData("true", "a JSON true, not an event or an alert")]
    [InlineData("null", "a JSON null, not an event or an alert")]
    [InlineData("-1.5e3", "a JSON number, not an event or an alert")]
    public async Task Run_TopLevelScalar_IsNotAnAlert(string document, string message)
    {
        var report = await ReportRunner.RunAsync(document);

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1", "not-an-alert");
        Assert.Equal(message, ReportAssert.Text(rejection, "message"));
    }
}
