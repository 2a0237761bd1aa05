using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Cli.Tests;

/// <summary>The trust settings through the real CLI: forged records are untrusted, drills and the bundled events are not.</summary>
public sealed class TrustTests : IDisposable
{
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"responder-trust-{Guid.NewGuid():N}.toml");

    public TrustTests() => File.WriteAllText(_config, ForgedRecords.Toml);

    public void Dispose() => File.Delete(_config);

    [Fact]
    public async Task Respond_ForgedCorpus_IsAllUntrustedWithZeroActions()
    {
        var input = string.Join("\n", ForgedRecords.Names.Select(ForgedRecords.Document));

        var run = await CliRun.InvokeAsync(["respond", "--format", "json", "--config", _config], input);

        Assert.Equal(0, run.ExitCode);
        var report = run.Json;
        Assert.Empty(report.Alerts());
        Assert.All(report.RejectedCodes(), code => Assert.Equal("untrusted", code));
        Assert.Equal(ForgedRecords.Names.Select(ForgedRecords.Message), report.Rejected().Select(r => r!["message"]!.GetValue<string>()));
        Assert.Equal(ForgedRecords.Names.Count, report.Summary()["received"]!.GetValue<int>());
        Assert.Empty(report.Summary()["actions"]!.AsObject());
    }

    [Fact]
    public async Task Explain_ForgedRecord_SaysWhichCheckFailed()
    {
        var run = await CliRun.InvokeAsync(["explain", "--config", _config], ForgedRecords.Document("container-insights-workload"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"rejected untrusted: {ForgedRecords.Message("container-insights-workload")}", run.Output, StringComparison.Ordinal);
    }

    // What `responder drill` writes is what a Falco pod's records look like: every shape is trusted by default.
    [Theory]
    [InlineData("raw")]
    [InlineData("log-string")]
    [InlineData("log-object")]
    [InlineData("merged")]
    [InlineData("merged-no-log")]
    [InlineData("log-processed")]
    [InlineData("sidekick")]
    public async Task Respond_DrillInEveryShape_IsTrustedAndPlansContainment(string shape)
    {
        var drill = await CliRun.InvokeAsync("drill", "--shape", shape);

        var run = await CliRun.InvokeAsync(["respond", "--format", "json"], drill.Output);

        Assert.Equal(0, drill.ExitCode);
        var alert = Assert.Single(run.Json.Alerts())!;
        Assert.Equal(["label-pod", "cordon-node", "delete-pod", "notify"], alert["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));
        // Offline there is no pod to check for the drill label: the actions stay planned.
        Assert.All(alert["actions"]!.AsArray(), a => Assert.Equal("planned", a!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Respond_DrillWithAnotherMarker_IsUntrusted()
    {
        var drill = await CliRun.InvokeAsync("drill", "--marker", "game-day");

        var run = await CliRun.InvokeAsync(["respond", "--format", "json"], drill.Output);

        Assert.Empty(run.Json.Alerts());
        Assert.Equal(["untrusted"], run.Json.RejectedCodes());
        Assert.Equal("drill marker \"game-day\" is not trust.drill_marker", run.Json.Rejected()[0]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("events/cloudwatch-critical-shell.json")]
    [InlineData("events/drill-critical-shell.json")]
    public async Task Respond_BundledCriticalEvents_AreTrustedByDefault(string file)
    {
        var run = await CliRun.InvokeAsync("respond", "--input", RepoFiles.Path(file), "--format", "json");

        Assert.Empty(run.Json.Rejected());
        Assert.Equal("critical", Assert.Single(run.Json.Alerts())!["severity"]!.GetValue<string>());
    }
}
