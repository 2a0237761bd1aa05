using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Cli.Tests;

/// <summary>docs/report.schema.json: it takes the reports the responder writes, and refuses one that breaks the contract.</summary>
public sealed class ReportSchemaTests
{
    private static readonly string BundledEvent = RepoFiles.Path("events", "cloudwatch-critical-shell.json");

    /// <summary>A report with an alert, its actions and a rejection, as the CLI writes it.</summary>
    private static async Task<JsonObject> ReportAsync()
    {
        var input = File.ReadAllText(BundledEvent) + "\nnot json\n";
        var report = (await CliRun.InvokeAsync(["respond", "--format", "json"], input)).Json;
        Assert.Single(report.Alerts());
        Assert.Single(report.Rejected());
        return report;
    }

    [Fact]
    public async Task Schema_ReportOfTheBundledEventAndABadLine_Holds()
    {
        Assert.Empty(ReportSchema.Problems(await ReportAsync()));
    }

    [Theory]
    [InlineData("alerts/0/severity", "\"severe\"")]
    [InlineData("alerts/0/score", "101")]
    [InlineData("alerts/0/node", "7")]
    [InlineData("alerts/0/dryRun", "\"true\"")]
    [InlineData("alerts/0/actions/0/action", "\"reboot-node\"")]
    [InlineData("alerts/0/actions/0/status", "\"done\"")]
    [InlineData("alerts/0/extra", "1")]
    [InlineData("rejected/0/code", "\"bad\"")]
    [InlineData("summary/actions/reboot-node", "1")]
    [InlineData("summary/received", "-1")]
    [InlineData("extra", "[]")]
    public async Task Schema_AFieldOutsideTheContract_IsRefused(string path, string value)
    {
        var report = await ReportAsync();
        Set(report, path, JsonNode.Parse(value));

        Assert.NotEmpty(ReportSchema.Problems(report));
    }

    [Theory]
    [InlineData("alerts/0/node")]
    [InlineData("alerts/0/actions/0/reason")]
    [InlineData("rejected/0/message")]
    [InlineData("summary/actions")]
    public async Task Schema_ARequiredFieldLeftOut_IsRefused(string path)
    {
        var report = await ReportAsync();
        var parent = Parent(report, path, out var name);
        parent.AsObject().Remove(name);

        Assert.NotEmpty(ReportSchema.Problems(report));
    }

    [Theory]
    [InlineData("summary/received", "3", "summary.received 3 is not summary.alerts 1 + summary.rejected 1")]
    [InlineData("summary/alerts", "2", "the summary counts 2 alerts and 1 rejected, the report lists 1 and 1")]
    [InlineData("summary/actions/notify", "2", "does not count the actions the alerts list")]
    public async Task Schema_CountsThatDoNotAddUp_AreRefused(string path, string value, string problem)
    {
        var report = await ReportAsync();
        Set(report, path, JsonNode.Parse(value));
        if (path != "summary/received")
        {
            // Keep received = alerts + rejected, so only the count under test is off.
            report["summary"]!["received"] = (int)report["summary"]!["alerts"]! + (int)report["summary"]!["rejected"]!;
        }

        Assert.Contains(ReportSchema.Problems(report), p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_RespondFormat_PointsToTheSchemaInTheRepository()
    {
        var help = (await CliRun.InvokeAsync("respond", "--help")).Output;

        Assert.Contains("docs/report.schema.json", help, StringComparison.Ordinal);
        Assert.True(File.Exists(ReportSchema.File));
        Assert.DoesNotContain("DESIGN", help, StringComparison.Ordinal);
    }

    private static void Set(JsonObject report, string path, JsonNode? value)
    {
        var parent = Parent(report, path, out var name);
        if (parent is JsonArray array)
        {
            array[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent.AsObject()[name] = value;
        }
    }

    private static JsonNode Parent(JsonObject report, string path, out string name)
    {
        var parts = path.Split('/');
        JsonNode node = report;
        foreach (var part in parts[..^1])
        {
            node = node is JsonArray array ? array[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!;
        }

        name = parts[^1];
        return node;
    }
}
