using System.Text;
using System.Text.Json.Nodes;
using Responder.Core.Ingest;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Ingest;

/// <summary>
/// The budgets of one input document: what its gzip payloads inflate to together, and the records decoded from it.
/// Past a budget the rest is rejected too-large in one record that says how much was left out; nothing is dropped
/// silently, and a Kinesis record that does not fit after others is left whole for a retry.
/// </summary>
public sealed class DocumentBudgetTests
{
    private static readonly string Minimal = """{"rule":"Terminal shell in container","priority":"Notice"}""";

    [Fact]
    public async Task CloudWatch_MoreEventsThanTheRecordBudget_TheRestIsOneTooLargeRecordThatCountsThem()
    {
        var input = Envelopes.CloudWatch(Enumerable.Range(0, 50).Select(i => Unique(i)));

        var report = await ReportRunner.RunAsync(input, Config("max_document_records = 10"));

        ReportAssert.Accounted(report, alerts: 10, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, Envelopes.EventId(11), "too-large");
        Assert.Equal("40 log event(s) of awslogs.data from this one on not decoded: the document has reached limits.max_document_records (10)", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task CloudWatch_PayloadInflatingPastTheDocumentBudget_TheEventsBeforeItAreKept()
    {
        var events = Enumerable.Range(0, 400).Select(Unique).ToList();
        var payload = Envelopes.CloudWatchPayload(events);
        var input = Envelopes.CloudWatchEnvelope(Envelopes.Gzip(payload));

        var report = await ReportRunner.RunAsync(input, Config($"max_document_inflated_bytes = {payload.Length / 2}"));

        var alerts = report.Alerts().Count;
        Assert.InRange(alerts, 150, 200);
        var rejection = ReportAssert.SingleRejection(report, "1", "too-large");
        Assert.Equal(
            $"awslogs.data inflates past the document's limits.max_document_inflated_bytes ({payload.Length / 2}): inflating stopped there; the {alerts} log event(s) before it were read, the rest is not",
            ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public void Kinesis_RecordsThatDoNotFitAfterTheFirst_AreLeftWholeForARetry()
    {
        var records = Enumerable.Range(0, 4).Select(r => Envelopes.KinesisRecord(Convert.ToBase64String(Envelopes.Gzip(
            Envelopes.CloudWatchPayload(Enumerable.Range(0, 6).Select(i => Unique((r * 10) + i)), firstId: (r * 10) + 1))), Sequence(r))).ToArray();
        var input = new JsonObject { ["Records"] = new JsonArray(records) }.ToJsonString();

        var result = Decide(input, "max_document_records = 10");

        // The first record is read whole (6), the second would pass the budget: it and the rest wait for a retry.
        Assert.Equal(6, result.Alerts.Count);
        Assert.Equal([Sequence(1), Sequence(2), Sequence(3)], result.Rejected.Select(r => r.RetrySequence));
        Assert.All(result.Rejected, r => Assert.Equal(RejectCode.TooLarge, r.Code));
        Assert.All(result.Rejected, r => Assert.EndsWith("it is left for a retry (listed in batchItemFailures)", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Kinesis_FirstRecordAloneOverTheBudget_IsReadAsFarAsItGoes_AndTheRestOfItIsNotRetried()
    {
        var first = Envelopes.KinesisRecord(Convert.ToBase64String(Envelopes.Gzip(Envelopes.CloudWatchPayload(Enumerable.Range(0, 30).Select(Unique)))), Sequence(0));
        var second = Envelopes.KinesisRecord(Convert.ToBase64String(Envelopes.Gzip(Envelopes.CloudWatchPayload([Unique(99)], firstId: 99))), Sequence(1));
        var input = new JsonObject { ["Records"] = new JsonArray(first, second) }.ToJsonString();

        var result = Decide(input, "max_document_records = 10");

        Assert.Equal(10, result.Alerts.Count);
        var rest = Assert.Single(result.Rejected, r => r.RetrySequence is null);
        Assert.Equal("20 log event(s) of kinesis.data from this one on not decoded: the document has reached limits.max_document_records (10)", rest.Message);
        Assert.Equal(Sequence(1), Assert.Single(result.Rejected, r => r.RetrySequence is not null).RetrySequence);
    }

    [Fact]
    public async Task Array_MoreElementsThanTheRecordBudget_TheRestIsOneTooLargeRecord()
    {
        var input = "[" + string.Join(',', Enumerable.Range(0, 7).Select(Unique)) + "]";

        var report = await ReportRunner.RunAsync(input, Config("max_document_records = 3"));

        ReportAssert.Accounted(report, alerts: 3, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1:4", "too-large");
        Assert.Equal("4 array element(s) from this one on not decoded: the document has reached limits.max_document_records (3)", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Budgets_ArePerDocument_TheNextLineStartsAfresh()
    {
        var line = "[" + string.Join(',', Enumerable.Range(0, 3).Select(Unique)) + "]";

        var report = await ReportRunner.RunAsync(Envelopes.Lines(line, line), Config("max_document_records = 3\n[state]\ndedupe_window_seconds = 0"));

        ReportAssert.Accounted(report, alerts: 6, rejected: 0);
    }

    [Theory]
    [InlineData("max_document_records = 0", "limits.max_document_records")]
    [InlineData("max_document_inflated_bytes = 10", "limits.max_document_inflated_bytes")]
    public void Config_BudgetOutOfRange_IsAnError(string toml, string key)
    {
        var result = TestConfig.Load("[limits]\n" + toml);

        Assert.Contains(result.Errors, e => e.Path == key);
    }

    private static string Unique(int i) => Minimal.Replace("shell", $"shell {i}", StringComparison.Ordinal);

    private static string Sequence(int i) => $"4959033827149025660855969253836157109592157598913658{8890 + i}";

    private static Responder.Core.Config.ResponderConfig Config(string limits) => TestConfig.From("[limits]\n" + limits);

    private static Responder.Core.Response.BatchResult Decide(string input, string limits)
    {
        var config = Config(limits);
        var bytes = Encoding.UTF8.GetBytes(input);
        using var batch = new EnvelopeDecoder(config.Limits, config.Input.MergeKeys).Decode(new InputDocument(1, bytes, TooLarge: false, bytes.Length));
        return new Responder.Core.Response.ResponsePipeline(config).Decide(batch);
    }
}
