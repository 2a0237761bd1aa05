using System.Text;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Ingest;

/// <summary>
/// A JSON string can pass the parser yet not be text: an escaped unpaired UTF-16 surrogate
/// ("\ud800") or invalid UTF-8. Wherever one sits it is read leniently (U+FFFD), so it never costs
/// the input, and never costs a record what that record would have got with ordinary text.
/// </summary>
public sealed class UnpairedSurrogateTests
{
    private const string Bad = "§";
    private const string Escape = "\\ud800";
    private const string PlainText = "the message is plain text, not a JSON alert";

    public static TheoryData<string, string, string, string> EscapeCases() => new()
    {
        // where, expected id, expected code ("alert" for an alert), expected message (empty for an alert)
        { "cloudwatch message", "e1", "not-an-alert", PlainText },
        { "cloudwatch event id", "\uFFFD", "not-an-alert", PlainText },
        { "cloudwatch log group", "e1", "not-an-alert", PlainText },
        { "awslogs data", "1", "malformed", "awslogs.data is not valid base64" },
        { "kinesis sequence number", "\uFFFD", "not-an-alert", PlainText },
        { "kinesis data", "7", "malformed", "kinesis.data is not valid base64" },
        { "sns message id", "\uFFFD", "not-an-alert", PlainText },
        { "sns message", "m", "not-an-alert", PlainText },
        { "records event source", "1:1", "not-an-alert", $"record 1 is neither a Kinesis nor an SNS record (eventSource {Escape})" },
        { "array string", "1:1", "not-an-alert", PlainText },
        { "top-level string", "1", "not-an-alert", PlainText },
        { "log string", "1", "not-an-alert", "the log line is plain text" },
        { "drill marker", "1", "untrusted", "drill marker \"" },
        { "alert rule", "1", "alert", string.Empty },
        { "cloudwatch alert rule", "e1", "alert", string.Empty },
    };

    public static TheoryData<string, string, string, string> InvalidUtf8Cases() => new()
    {
        { "cloudwatch message type", "e1", "not-an-alert", PlainText },
        { "cloudwatch event id", "\uFFFD\uFFFD", "not-an-alert", PlainText },
        { "cloudwatch log group", "e1", "not-an-alert", PlainText },
        { "awslogs data", "1", "malformed", "awslogs.data is not valid base64" },
        { "kinesis sequence number", "\uFFFD\uFFFD", "not-an-alert", PlainText },
        { "sns message id", "\uFFFD\uFFFD", "not-an-alert", PlainText },
        { "drill marker", "1", "untrusted", "drill marker \"" },
        { "alert rule", "1", "alert", string.Empty },
        { "cloudwatch alert rule", "e1", "alert", string.Empty },
    };

    [Theory]
    [MemberData(nameof(EscapeCases))]
    public async Task Run_UnpairedSurrogateEscape_CostsThatRecordOnly(string where, string id, string code, string message) =>
        await AssertCostsOneRecordAsync(Document(where, Encoding.UTF8.GetBytes(Escape)), id, code, message);

    [Theory]
    [MemberData(nameof(InvalidUtf8Cases))]
    public async Task Run_InvalidUtf8InString_CostsThatRecordOnly(string where, string id, string code, string message) =>
        await AssertCostsOneRecordAsync(Document(where, [0xFF, 0x81]), id, code, message);

    private static async Task AssertCostsOneRecordAsync(byte[] document, string id, string code, string message)
    {
        var report = await ReportRunner.RunAsync(new MemoryStream([.. document, (byte)'\n', .. Encoding.UTF8.GetBytes(Fixtures.Alert("read-sensitive-file"))]));

        if (code == "alert")
        {
            ReportAssert.Accounted(report, alerts: 2, rejected: 0);
            Assert.Equal([id, "2"], ReportAssert.AlertIds(report));
            return;
        }

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, id, code);
        Assert.StartsWith(message, ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
        Assert.Equal(["2"], ReportAssert.AlertIds(report));
    }

    /// <summary>The document of a case, with <paramref name="bad"/> spliced in as raw bytes where the case says.</summary>
    private static byte[] Document(string where, byte[] bad)
    {
        var text = where switch
        {
            "cloudwatch message" => Payload("e1", Bad),
            "cloudwatch message type" => Payload("e1", "text").Replace("DATA_MESSAGE", "DATA" + Bad, StringComparison.Ordinal),
            "cloudwatch event id" => Payload(Bad, "text"),
            "cloudwatch log group" => Payload("e1", "text").Replace("\"messageType\"", $"\"logGroup\":\"{Bad}\",\"messageType\"", StringComparison.Ordinal),
            "alert rule" => Fixtures.Alert("terminal-shell").Replace("Terminal shell in container", Bad, StringComparison.Ordinal),
            "cloudwatch alert rule" => Payload("e1", Fixtures.Alert("terminal-shell").Replace("Terminal shell in container", Bad, StringComparison.Ordinal)),
            "awslogs data" => $"{{\"awslogs\":{{\"data\":\"H4sI{Bad}\"}}}}",
            "kinesis sequence number" => $"{{\"Records\":[{{\"kinesis\":{{\"sequenceNumber\":\"{Bad}\",\"data\":\"dGV4dA==\"}}}}]}}",
            "kinesis data" => $"{{\"Records\":[{{\"kinesis\":{{\"sequenceNumber\":\"7\",\"data\":\"dGV4{Bad}\"}}}}]}}",
            "sns message id" => $"{{\"Records\":[{{\"Sns\":{{\"MessageId\":\"{Bad}\",\"Message\":\"text\"}}}}]}}",
            "sns message" => $"{{\"Records\":[{{\"Sns\":{{\"MessageId\":\"m\",\"Message\":\"{Bad}\"}}}}]}}",
            "records event source" => $"{{\"Records\":[{{\"eventSource\":\"{Bad}\"}}]}}",
            "array string" => $"[\"{Bad}\"]",
            "top-level string" => $"\"{Bad}\"",
            "log string" => $"{{\"log\":\"{Bad}\",\"stream\":\"stdout\"}}",
            "drill marker" => $"{{\"drill\":{{\"marker\":\"{Bad}\"}},\"event\":{Fixtures.Alert("terminal-shell")}}}",
            _ => throw new ArgumentOutOfRangeException(nameof(where), where, null),
        };

        // Inside a log event's alert, the alert's own escape is escaped once more by the payload.
        var splice = where == "cloudwatch alert rule" ? [.. bad.SelectMany(b => b == (byte)'\\' ? new[] { b, b } : [b])] : bad;
        var bytes = Splice(Encoding.UTF8.GetBytes(text), splice);
        return where.StartsWith("cloudwatch", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes(Envelopes.CloudWatchEnvelope(Envelopes.Gzip(bytes)))
            : bytes;
    }

    // The message is JSON-escaped here by hand, so that the bad text stays as the case wrote it. The log
    // stream is the Falco container's, so that an alert without shipper metadata is trusted.
    private static string Payload(string id, string message) =>
        $"{{\"messageType\":\"DATA_MESSAGE\",\"logStream\":\"{Envelopes.LogStream}\",\"logEvents\":[{{\"id\":\"{id}\",\"timestamp\":1714830245478,\"message\":\"{message.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}]}}";

    private static byte[] Splice(byte[] text, byte[] bad)
    {
        var marker = Encoding.UTF8.GetBytes(Bad);
        var at = text.AsSpan().IndexOf(marker);
        Assert.True(at >= 0, "the case has no place for the bad text");
        return [.. text.AsSpan(0, at), .. bad, .. text.AsSpan(at + marker.Length)];
    }
}
