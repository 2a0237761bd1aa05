using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Ingest;

/// <summary>How the input is cut into documents: one per line, pretty-printed, blank lines, CRLF, BOM, limits.</summary>
public sealed class InputDocumentTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task Run_SeveralEnvelopesOnSeparateLines_ProcessesEveryEnvelope()
    {
        var input = string.Join("\n",
            Envelopes.CloudWatch([Fixtures.Alert("terminal-shell"), Fixtures.Alert("read-sensitive-file")]),
            Envelopes.Kinesis([Fixtures.Alert("drop-and-execute")]),
            Envelopes.Sns(Fixtures.Alert("debugfs-privileged")),
            Fixtures.Alert("release-agent-escape"),
            Envelopes.Array(Fixtures.Alert("kernel-module-host"), Fixtures.Alert("sidekick-fileless")));

        var report = await ReportRunner.RunAsync(input);

        ReportAssert.Accounted(report, alerts: 7, rejected: 0);
        Assert.Equal(
            [
                "Terminal shell in container",
                "Read sensitive file untrusted",
                "Drop and execute new binary in container",
                "Debugfs Launched in Privileged Container",
                "Detect release_agent File Container Escapes",
                "Linux Kernel Module Injection Detected",
                "Fileless execution via memfd_create",
            ],
            ReportAssert.Texts(report.Alerts(), "rule"));
        Assert.Equal(
            [Envelopes.EventId(1), Envelopes.EventId(2), Envelopes.EventId(1), "msg-1", "4", "5:1", "5:2"],
            ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task Run_BlankLinesCrlfAndBom_AreTolerated()
    {
        var text = "\r\n" + Fixtures.Alert("terminal-shell") + "\r\n\r\n   \t\r\n" + Envelopes.CloudWatch([Fixtures.Alert("drop-and-execute")]) + "\r\n\r\n";
        var input = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var report = await ReportRunner.RunAsync(input);

        ReportAssert.Accounted(report, alerts: 2, rejected: 0);
        Assert.Equal(["2", Envelopes.EventId(1)], ReportAssert.AlertIds(report));
        Assert.Equal("Drop and execute new binary in container", ReportAssert.Text(report.Alerts()[1]!, "rule"));
    }

    [Fact]
    public async Task Run_BomBeforeFirstDocument_IsNotPartOfTheJson()
    {
        var input = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Fixtures.Alert("terminal-shell"))]);

        var report = await ReportRunner.RunAsync(input);

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        Assert.Equal("1", ReportAssert.Text(report.Alerts()[0]!, "id"));
    }

    [Fact]
    public async Task Run_PrettyPrintedDocument_IsReadAsOneDocument()
    {
        var pretty = Fixtures.AlertNode("drop-and-execute").ToJsonString(Indented);
        Assert.StartsWith("{\n", pretty.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var lines = pretty.ReplaceLineEndings("\n").Split('\n').Length;

        var report = await ReportRunner.RunAsync(pretty + "\n" + Fixtures.Alert("terminal-shell"));

        ReportAssert.Accounted(report, alerts: 2, rejected: 0);
        Assert.Equal("Drop and execute new binary in container", ReportAssert.Text(report.Alerts()[0]!, "rule"));
        Assert.Equal(["1", (lines + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task Run_PrettyPrintedArrayWithCrlf_IsReadAsOneDocument()
    {
        var array = new JsonArray(Fixtures.AlertNode("terminal-shell"), Fixtures.AlertNode("read-sensitive-file"));
        var pretty = array.ToJsonString(Indented).ReplaceLineEndings("\r\n");

        var report = await ReportRunner.RunAsync(pretty);

        ReportAssert.Accounted(report, alerts: 2, rejected: 0);
        Assert.Equal(["1:1", "1:2"], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task Run_LineThatIsNotJson_IsMalformedWithPositionAndNextLineProcessed()
    {
        var report = await ReportRunner.RunAsync("{\"rule\": \"Terminal shell in container\", oops}\n" + Fixtures.Alert("terminal-shell"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var message = ReportAssert.Text(report.Rejected()[0]!, "message");
        Assert.Equal("malformed", ReportAssert.Text(report.Rejected()[0]!, "code"));
        Assert.Equal("1", ReportAssert.Text(report.Rejected()[0]!, "id"));
        Assert.StartsWith("not valid JSON at byte 40: 'o' is an invalid start of a property name", message, StringComparison.Ordinal);
        Assert.Equal("2", ReportAssert.Text(report.Alerts()[0]!, "id"));
    }

    [Fact]
    public async Task Run_MalformedPrettyPrintedDocument_NamesLineAndByte()
    {
        var report = await ReportRunner.RunAsync("{\n  \"rule\": \"Terminal shell in container\",\n  \"priority\": Notice\n}\n" + Fixtures.Alert("terminal-shell"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = report.Rejected()[0]!;
        Assert.Equal("1", ReportAssert.Text(rejection, "id"));
        Assert.Equal("malformed", ReportAssert.Text(rejection, "code"));
        Assert.StartsWith("not valid JSON at line 3, byte 14:", ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
        Assert.Equal("5", ReportAssert.Text(report.Alerts()[0]!, "id"));
    }

    [Fact]
    public async Task Run_PlainTextLine_IsMalformed()
    {
        var report = await ReportRunner.RunAsync("Falco version: 0.39.2");

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1", "malformed");
        Assert.StartsWith("not valid JSON at byte 0:", ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TopLevelNumber_IsNotAnAlert()
    {
        var report = await ReportRunner.RunAsync("42");

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1", "not-an-alert");
        Assert.Equal("a JSON number, not an event or an alert", ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_JsonObjectWithoutAlert_IsNotAnAlert()
    {
        var report = await ReportRunner.RunAsync("{\"level\":\"info\",\"msg\":\"Loading rules\"}");

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1", "not-an-alert");
        Assert.Contains("without a Falco alert", ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EnvelopeNestedDeeperThanMaxJsonDepth_IsTooLargeAndNextLineProcessed()
    {
        var deep = new string('[', 65) + new string(']', 65);

        var report = await ReportRunner.RunAsync(deep + "\n" + Fixtures.Alert("terminal-shell"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = report.Rejected()[0]!;
        Assert.Equal("too-large", ReportAssert.Text(rejection, "code"));
        Assert.Equal("1", ReportAssert.Text(rejection, "id"));
        Assert.Equal("JSON nested deeper than limits.max_json_depth (64)", ReportAssert.Text(rejection, "message"));
        Assert.Equal("2", ReportAssert.Text(report.Alerts()[0]!, "id"));
    }

    [Fact]
    public async Task Run_EnvelopeNestedExactlyMaxJsonDepth_IsNotTooLarge()
    {
        var report = await ReportRunner.RunAsync(new string('[', 64) + new string(']', 64));

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        ReportAssert.SingleRejection(report, "1:1", "not-an-alert");
    }

    [Fact]
    public async Task Run_DocumentLongerThanMaxEnvelopeBytes_IsTooLargeAndNextLineProcessed()
    {
        var config = TestConfig.From("[limits]\nmax_envelope_bytes = 4096\nmax_message_bytes = 4096");
        var big = Fixtures.AlertNode("terminal-shell");
        big["output_fields"]!["proc.cmdline"] = new string('a', 10_000);
        var bigText = big.ToJsonString();

        var report = await ReportRunner.RunAsync(Envelopes.Lines(bigText, Fixtures.Alert("read-sensitive-file")), config);

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = report.Rejected()[0]!;
        Assert.Equal("too-large", ReportAssert.Text(rejection, "code"));
        Assert.Equal("1", ReportAssert.Text(rejection, "id"));
        Assert.Equal(
            $"input document of {Encoding.UTF8.GetByteCount(bigText)} bytes exceeds limits.max_envelope_bytes (4096)",
            ReportAssert.Text(rejection, "message"));
        Assert.Equal("Read sensitive file untrusted", ReportAssert.Text(report.Alerts()[0]!, "rule"));
        Assert.Equal("2", ReportAssert.Text(report.Alerts()[0]!, "id"));
    }

    [Fact]
    public async Task Run_PrettyPrintedDocumentLongerThanMaxEnvelopeBytes_IsSkippedToItsEnd()
    {
        var config = TestConfig.From("[limits]\nmax_envelope_bytes = 4096\nmax_message_bytes = 4096");
        var big = Fixtures.AlertNode("terminal-shell");
        big["output_fields"]!["proc.cmdline"] = new string('a', 10_000);
        var pretty = big.ToJsonString(Indented).ReplaceLineEndings("\n");
        var lines = pretty.Split('\n').Length;

        var report = await ReportRunner.RunAsync(Envelopes.Lines(pretty, Fixtures.Alert("read-sensitive-file")), config);

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        Assert.Equal("too-large", ReportAssert.Text(report.Rejected()[0]!, "code"));
        Assert.Equal((lines + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ReportAssert.Text(report.Alerts()[0]!, "id"));
    }
}
