using System.Text;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Cli.Tests;

public sealed class RespondCommandTests
{
    private static readonly string BundledEvent = RepoFiles.Path("events/cloudwatch-critical-shell.json");

    [Fact]
    public async Task Respond_BundledEventAsJson_PlansContainmentInDryRun()
    {
        var run = await CliRun.InvokeAsync("respond", "--input", BundledEvent, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var alert = Assert.Single(run.Json.Alerts())!;
        Assert.Equal("critical", alert["severity"]!.GetValue<string>());
        Assert.True(alert["dryRun"]!.GetValue<bool>());
        Assert.Equal(
            ["label-pod", "cordon-node", "delete-pod", "notify"],
            alert["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));
        Assert.All(alert["actions"]!.AsArray(), a => Assert.Equal("planned", a!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Respond_JsonReport_HasExactlyTheContractKeysInOrder()
    {
        var input = Envelopes.CloudWatch([Fixtures.Alert("kernel-module-host"), "not json {"]);

        var run = await CliRun.InvokeAsync(["respond", "--format", "json"], input);

        var report = run.Json;
        Assert.Equal(["alerts", "rejected", "summary"], report.Select(p => p.Key));
        var alert = report.Alerts()[0]!.AsObject();
        Assert.Equal(
            ["id", "rule", "priority", "source", "time", "hostname", "namespace", "pod", "node", "score", "severity", "dryRun", "actions"],
            alert.Select(p => p.Key));
        Assert.Null(alert["namespace"]);
        Assert.Null(alert["pod"]);
        Assert.Equal(["action", "target", "status", "reason"], alert["actions"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "code", "message"], report.Rejected()[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["received", "alerts", "rejected", "actions"], report.Summary().Select(p => p.Key));
        Assert.Equal(2, report.Summary()["received"]!.GetValue<int>());
    }

    [Fact]
    public async Task Respond_TextFormat_ShowsSeverityActionsAndTotals()
    {
        var run = await CliRun.InvokeAsync("respond", "--input", BundledEvent);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CRITICAL", run.Output, StringComparison.Ordinal);
        Assert.Contains("Terminal shell in container", run.Output, StringComparison.Ordinal);
        Assert.Contains("delete-pod", run.Output, StringComparison.Ordinal);
        Assert.Contains("received 1, alerts 1, rejected 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("dry run", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Respond_TextFormat_NeutralisesTerminalEscapesFromAlerts()
    {
        var alert = Fixtures.AlertNode("terminal-shell");
        alert["rule"] = "Evil\u001b[2J\u001b]0;owned\u0007 rule\u202e";

        var run = await CliRun.InvokeAsync(["respond"], alert.ToJsonString());

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.DoesNotContain('\u0007', run.Output);
        Assert.DoesNotContain('\u202e', run.Output);
        Assert.Contains("Evil?[2J?]0;owned? rule?", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Respond_StdinWithRejections_ExitsZeroAndReportsEveryRecord()
    {
        var run = await CliRun.InvokeAsync(["respond", "--input", "-", "--format", "json"], "garbage\n{\"hello\":1}\n" + Fixtures.Alert("terminal-shell"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["malformed", "not-an-alert"], run.Json.RejectedCodes());
        Assert.Single(run.Json.Alerts());
    }

    [Fact]
    public async Task Respond_MissingInputFile_ExitsOneWithOneLine()
    {
        var run = await CliRun.InvokeAsync("respond", "--input", "does-not-exist.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.StartsWith("error: cannot read input does-not-exist.json", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Respond_NoInputAndTerminalStdin_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync("respond");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no input", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Respond_UnknownFormat_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync("respond", "--input", BundledEvent, "--format", "yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("yaml", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Respond_InvalidConfig_ExitsTwoListingEveryError()
    {
        var config = Path.Combine(Path.GetTempPath(), $"responder-{Guid.NewGuid():N}.toml");
        File.WriteAllText(config, "dry_rn = true\n[limits]\nmax_json_depth = 0\n");
        try
        {
            var run = await CliRun.InvokeAsync("respond", "--input", BundledEvent, "--config", config);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("dry_rn: unknown key (did you mean \"dry_run\"?)", run.Error, StringComparison.Ordinal);
            Assert.Contains("limits.max_json_depth: must be between 2 and 256, got 0", run.Error, StringComparison.Ordinal);
            Assert.Empty(run.Output);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Respond_DryRunOffFromEnvironment_LeavesClusterActionsPlannedWithoutReason()
    {
        var run = await CliRun.InvokeAsync(["respond", "--input", BundledEvent, "--format", "json"], stdin: (Stream?)null,
            new Dictionary<string, string> { ["RESPONDER_DRY_RUN"] = "false" });

        var alert = run.Json.Alerts()[0]!;
        Assert.False(alert["dryRun"]!.GetValue<bool>());
        Assert.All(alert["actions"]!.AsArray(), a => Assert.Null(a!["reason"]));
    }

    [Fact]
    public async Task Respond_InputBreaksMidway_ExitsOneWithACompleteReport()
    {
        var good = Encoding.UTF8.GetBytes(Fixtures.Alert("terminal-shell") + "\n");
        using var input = new FailingStream(good);

        var run = await CliRun.InvokeAsync(["respond", "--format", "json"], input);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Json.Alerts());
        Assert.Contains("failed after 1 records", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Returns its bytes, then fails as a broken pipe or disk would.</summary>
    private sealed class FailingStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("the device is not ready");
        }
    }
}
