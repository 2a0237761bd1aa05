using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Cli.Tests;

/// <summary>
/// Every ready event in events/ (for sam local invoke -e and aws lambda invoke) through the real
/// respond command with the bundled configuration: each one shows the outcome its name promises.
/// </summary>
public sealed class EventFilesTests
{
    private static readonly string[] Contained = ["label-pod", "cordon-node", "delete-pod", "notify"];

    /// <summary>Each file and what it is for; a new event file must be added here with its outcome.</summary>
    private static readonly Dictionary<string, Action<JsonObject>> Expected = new(StringComparer.Ordinal)
    {
        ["cloudwatch-critical-shell.json"] = report => AssertContained(report),
        ["cloudwatch-notice.json"] = report =>
        {
            var alert = Assert.Single(report.Alerts())!;
            Assert.Equal(["notify"], Actions(alert));
            Assert.Empty(report.Rejected());
        },
        ["cloudwatch-forged-workload.json"] = report =>
        {
            Assert.Empty(report.Alerts());
            Assert.Equal(["untrusted"], report.RejectedCodes());
        },
        ["cloudwatch-control-message.json"] = report =>
        {
            Assert.Empty(report.Alerts());
            Assert.Empty(report.Rejected());
            Assert.Equal(0, report.Summary()["received"]!.GetValue<int>());
        },
        ["drill-critical-shell.json"] = report =>
        {
            var alert = AssertContained(report);
            // The drill's pod is the one the drill command names by default, so a drill target pod
            // started under that name is what a live drill acts on.
            Assert.Equal("payments/api-7d9f8b6c5d-x2k4q", alert["actions"]![0]!["target"]!.GetValue<string>());
        },
    };

    public static TheoryData<string> Files() => [.. Names()];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Respond_EventFile_HasItsOutcome(string file)
    {
        Assert.True(Expected.TryGetValue(file, out var check), $"events/{file} has no expected outcome in this test");

        var run = await CliRun.InvokeAsync("respond", "--input", RepoFiles.Path($"events/{file}"), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        check(run.Json);
    }

    [Fact]
    public void Expected_NamesOnlyFilesThatExist()
    {
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), Names());
    }

    private static string[] Names() =>
        [.. Directory.GetFiles(RepoFiles.Path("events"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static JsonObject AssertContained(JsonObject report)
    {
        Assert.Empty(report.Rejected());
        var alert = Assert.Single(report.Alerts())!.AsObject();
        Assert.Equal("critical", alert["severity"]!.GetValue<string>());
        Assert.Equal(Contained, Actions(alert));
        // The bundled configuration is a dry run: containment is planned, never done, offline.
        Assert.All(alert["actions"]!.AsArray(), a => Assert.Equal("planned", a!["status"]!.GetValue<string>()));
        return alert;
    }

    private static string[] Actions(JsonNode alert) => [.. alert["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>())];
}
