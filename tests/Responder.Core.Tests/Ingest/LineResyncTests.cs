using System.Globalization;
using System.Text.Json;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Ingest;

/// <summary>
/// Line-delimited input after a document that is not one: a lone "{" or "[" that never closes, or whose next lines
/// cannot continue it, costs the lines up to the next line that is a document on its own, never the rest of the input.
/// Every line ends up in a record.
/// </summary>
public sealed class LineResyncTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task LoneBrace_BeforeAThousandAlerts_CostsOneRecord()
    {
        var lines = new List<string> { Unique(0), "{" };
        lines.AddRange(Enumerable.Range(1, 1000).Select(Unique));

        var report = await ReportRunner.RunAsync(Envelopes.Lines([.. lines]));

        ReportAssert.Accounted(report, alerts: 1001, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "2", "malformed");
        Assert.Equal(
            "a JSON document opened by a lone bracket at line 2 breaks off at line 3, which cannot continue it: line 2 rejected; reading resumes at line 3, a JSON document on its own",
            ReportAssert.Text(rejection, "message"));
        Assert.Equal(["1", "3", "1002"], [ReportAssert.AlertIds(report)[0], ReportAssert.AlertIds(report)[1], ReportAssert.AlertIds(report)[^1]]);
    }

    [Fact]
    public async Task LoneBracket_ThenAlertsWithoutCommas_ResumesAtTheFirstAlert()
    {
        var report = await ReportRunner.RunAsync(Envelopes.Lines("[", Unique(1), Unique(2), Unique(3)));

        ReportAssert.Accounted(report, alerts: 3, rejected: 1);
        ReportAssert.SingleRejection(report, "1", "malformed");
        Assert.Equal(["2", "3", "4"], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task BrokenLinesBetween_AreRejectedWithTheOpeningLine()
    {
        var report = await ReportRunner.RunAsync(Envelopes.Lines("{", "  \"rule\": \"Terminal shell in container\",", "  oops", Unique(1)));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1", "malformed");
        Assert.StartsWith("a JSON document opened by a lone bracket at line 1 breaks off at line 3, which cannot continue it: lines 1 to 3 rejected", ReportAssert.Text(rejection, "message"), StringComparison.Ordinal);
        Assert.Equal(["4"], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task UnterminatedAtTheEnd_IsRejectedToTheLastLine()
    {
        var report = await ReportRunner.RunAsync(Envelopes.Lines(Unique(1), "{", "  \"rule\": \"Terminal shell in container\","));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        Assert.Equal(
            "a JSON document opened by a lone bracket at line 2 never closes: the input ends first: lines 2 to 3 rejected",
            ReportAssert.Text(ReportAssert.SingleRejection(report, "2", "malformed"), "message"));
    }

    [Fact]
    public async Task PrettyArrayWhoseLastElementIsALineOfItsOwn_IsStillOneDocument()
    {
        var text = "[\n  " + Unique(1) + ",\n  " + Unique(2) + "\n]";

        var report = await ReportRunner.RunAsync(Envelopes.Lines(text, Unique(3)));

        ReportAssert.Accounted(report, alerts: 3, rejected: 0);
        Assert.Equal(["1:1", "1:2", "5"], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task PrettyDocumentLongerThanTheLineCap_IsRejected_AndTheNextDocumentIsRead()
    {
        var pretty = Fixtures.AlertNode("terminal-shell").ToJsonString(Indented).ReplaceLineEndings("\n");
        var lines = pretty.Split('\n').Length;

        var report = await ReportRunner.RunAsync(Envelopes.Lines(pretty, Unique(1)), TestConfig.From($"[limits]\nmax_document_lines = {lines - 1}"));

        // Its lines up to the cap are one record; its closing line, read on its own, another.
        Assert.Equal(["1", lines.ToString(CultureInfo.InvariantCulture)], ReportAssert.RejectedIds(report));
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"a JSON document opened by a lone bracket at line 1 does not close within {lines - 1} lines"), ReportAssert.Text(report.Rejected()[0]!, "message"), StringComparison.Ordinal);
        Assert.Equal([(lines + 1).ToString(CultureInfo.InvariantCulture)], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task TwoBrokenDocuments_EachCostsItsOwnLines()
    {
        var report = await ReportRunner.RunAsync(Envelopes.Lines("{", Unique(1), "[", Unique(2), Unique(3)));

        ReportAssert.Accounted(report, alerts: 3, rejected: 2);
        Assert.Equal(["1", "3"], ReportAssert.RejectedIds(report));
        Assert.Equal(["2", "4", "5"], ReportAssert.AlertIds(report));
    }

    private static string Unique(int i) => $$"""{"rule":"Terminal shell in container","priority":"Notice","output":"shell {{i}}"}""";
}
