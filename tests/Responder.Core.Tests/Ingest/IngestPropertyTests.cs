using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Responder.Core.Config;
using Responder.Core.Ingest;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Ingest;

/// <summary>Whatever the input, decoding never throws and every record is accounted for exactly once.</summary>
public sealed class IngestPropertyTests
{
    private static readonly ResponderConfig Config = TestConfig.Default();

    private static readonly string[] WireCodes = ["malformed", "not-an-alert", "invalid", "untrusted", "too-large", "duplicate"];

    private static readonly string[] Messages =
    [
        Fixtures.Alert("terminal-shell"),
        Records.InShape(Fixtures.Alert("drop-and-execute"), RecordShape.LogString),
        Records.InShape(Fixtures.Alert("read-sensitive-file"), RecordShape.LogProcessed),
        "Fri May  3 12:00:00 2024: Falco version: 0.39.2 (x86_64)",
    ];

    private static readonly string ValidPayload = Envelopes.CloudWatchPayload(Messages);

    private static readonly byte[] ValidGzip = Envelopes.Gzip(ValidPayload);

    private static readonly byte[] ValidLine = Encoding.UTF8.GetBytes(Envelopes.CloudWatchEnvelope(ValidGzip));

    // Characters that make JSON structure, escapes and envelope keys likely, plus anything at all.
    private static readonly Gen<string> JsonishText = Gen.Frequency(
        (4, Gen.Char["{}[]\":,\\ u0123456789abcdefnrtlogsdaw\n\r"]),
        (1, Gen.Char)).Array[0, 400].Select(chars => new string(chars));

    [Fact]
    public Task Run_ArbitraryBytes_NeverThrowsAndAccountsForEveryRecord() =>
        Gen.Byte.Array[0, 2000].SampleAsync(async bytes => AssertAccounted(await RunAsync(bytes)), iter: 300);

    [Fact]
    public Task Run_ArbitraryText_NeverThrowsAndAccountsForEveryRecord() =>
        JsonishText.SampleAsync(async text => AssertAccounted(await RunAsync(Encoding.UTF8.GetBytes(text))), iter: 300);

    [Fact]
    public Task Run_MutatedCloudWatchLine_NeverThrowsAndAccountsForEveryRecord() =>
        Gen.Select(Gen.Int[0, ValidLine.Length - 1], Gen.Byte, Gen.Bool)
            .SampleAsync(async (index, value, truncate) =>
            {
                var line = truncate ? ValidLine[..index] : Mutate(ValidLine, index, value);
                AssertAccounted(await RunAsync(line));
            }, iter: 300);

    [Fact]
    public Task Run_MutatedGzipStream_NeverThrowsAndAccountsForEveryRecord() =>
        Gen.Select(Gen.Int[0, ValidGzip.Length - 1], Gen.Byte, Gen.Bool)
            .SampleAsync(async (index, value, truncate) =>
            {
                var gzipped = truncate ? ValidGzip[..index] : Mutate(ValidGzip, index, value);
                AssertAccounted(await RunAsync(Encoding.UTF8.GetBytes(Envelopes.CloudWatchEnvelope(gzipped))));
            }, iter: 300);

    [Fact]
    public async Task Run_MutatedCloudWatchPayload_NeverThrowsAndAccountsForEveryRecord()
    {
        var payload = Encoding.UTF8.GetBytes(ValidPayload);
        await Gen.Select(Gen.Int[0, payload.Length - 1], Gen.Byte, Gen.Bool)
            .SampleAsync(async (index, value, truncate) =>
            {
                var mutated = truncate ? payload[..index] : Mutate(payload, index, value);
                AssertAccounted(await RunAsync(Encoding.UTF8.GetBytes(Envelopes.CloudWatchEnvelope(Envelopes.Gzip(mutated)))));
            }, iter: 300);
    }

    [Fact]
    public Task Run_CloudWatchWithArbitraryMessages_YieldsOneRecordPerMessage() =>
        Gen.Frequency((3, JsonishText), (1, Gen.String), (1, Gen.OneOf(Messages)))
            .Array[0, 20]
            .SampleAsync(async messages =>
            {
                var report = await RunAsync(Encoding.UTF8.GetBytes(Envelopes.CloudWatch(messages)));
                AssertAccounted(report);
                Assert.Equal(messages.Length, report.Summary()["received"]!.GetValue<int>());
                var ids = ReportAssert.AlertIds(report).Concat(ReportAssert.RejectedIds(report)).Order(StringComparer.Ordinal);
                Assert.Equal(Enumerable.Range(1, messages.Length).Select(n => Envelopes.EventId(n)), ids);
            }, iter: 300);

    private static Task<JsonObject> RunAsync(byte[] input) => ReportRunner.RunAsync(new MemoryStream(input), Config);

    private static byte[] Mutate(byte[] original, int index, byte value)
    {
        var copy = (byte[])original.Clone();
        copy[index] = value;
        return copy;
    }

    private static void AssertAccounted(JsonObject report)
    {
        var summary = report.Summary();
        var alerts = report.Alerts();
        var rejected = report.Rejected();
        Assert.Equal(alerts.Count, summary["alerts"]!.GetValue<int>());
        Assert.Equal(rejected.Count, summary["rejected"]!.GetValue<int>());
        Assert.Equal(alerts.Count + rejected.Count, summary["received"]!.GetValue<int>());
        Assert.All(ReportAssert.AlertIds(report), id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.All(ReportAssert.RejectedIds(report), id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.All(report.RejectedCodes(), code => Assert.Contains(code, WireCodes));
        Assert.All(ReportAssert.Texts(rejected, "message"), message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }
}
