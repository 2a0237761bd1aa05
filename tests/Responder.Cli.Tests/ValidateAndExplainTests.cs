using Responder.Harness;

namespace Responder.Cli.Tests;

public sealed class ValidateAndExplainTests
{
    [Fact]
    public async Task Validate_BuiltInDefault_IsOk()
    {
        var run = await CliRun.InvokeAsync("validate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dry run: on", run.Output, StringComparison.Ordinal);
        Assert.Contains("contain-critical", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Validate_SampleConfigFile_IsOk()
    {
        var run = await CliRun.InvokeAsync("validate", "--config", RepoFiles.Path("samplecfg.toml"));

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Validate_ConfigFromEnvironmentVariable_IsUsed()
    {
        var config = Path.Combine(Path.GetTempPath(), $"responder-{Guid.NewGuid():N}.toml");
        File.WriteAllText(config, "[[policy.rules]]\nname = \"only\"\n[[policy.rules.actions]]\naction = \"notfy\"\n");
        try
        {
            var run = await CliRun.InvokeAsync(["validate"], stdin: (Stream?)null, new Dictionary<string, string> { ["RESPONDER_CONFIG"] = config });

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("policy.rules[0].actions[0].action: \"notfy\" is not an action", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Validate_BadEnvironmentValue_IsReported()
    {
        var run = await CliRun.InvokeAsync(["validate"], stdin: (Stream?)null, new Dictionary<string, string> { ["RESPONDER_DRY_RUN"] = "maybe" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("RESPONDER_DRY_RUN: expected true or false, got \"maybe\"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync("validate", "--config", "nowhere.toml");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: cannot read configuration nowhere.toml", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_EscapeAtWarning_ShowsEveryScoreTermAndTheDecision()
    {
        var run = await CliRun.InvokeAsync(["explain"], Fixtures.Alert("debugfs-privileged"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("score 85 -> critical", run.Output, StringComparison.Ordinal);
        Assert.Contains("base score of priority Warning", run.Output, StringComparison.Ordinal);
        Assert.Contains("+10  tag       tag mitre_privilege_escalation", run.Output, StringComparison.Ordinal);
        Assert.Contains("+25  tag       tag T1611", run.Output, StringComparison.Ordinal);
        Assert.Contains("matched contain-critical, snapshot-container-escape, notify-notice-and-above", run.Output, StringComparison.Ordinal);
        Assert.Contains("    delete-pod       tools/debug-shell planned (dry-run)", run.Output, StringComparison.Ordinal);
        Assert.Contains("    snapshot-node    ip-10-0-1-99.eu-west-1.compute.internal planned (dry-run)  [rule snapshot-container-escape]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_Rejection_SaysWhy()
    {
        var run = await CliRun.InvokeAsync(["explain"], "{\"rule\":\"x\",\"priority\":\"Critical\",\"output_fields\":{\"k8s.pod.name\":\"../etc\"}}");

        Assert.Contains("rejected invalid: pod name \"../etc\" is not a valid DNS-1123 subdomain", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_ARepeat_IsTheDuplicateRespondRejects()
    {
        var alert = Fixtures.Alert("terminal-shell");
        var input = string.Join("\n", alert, alert);

        var explained = await CliRun.InvokeAsync(["explain"], input);
        var responded = await CliRun.InvokeAsync(["respond", "--format", "json"], input);

        Assert.Equal(["1"], responded.Json["alerts"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal("duplicate", responded.Json["rejected"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("record 1: Terminal shell in container", explained.Output, StringComparison.Ordinal);
        Assert.Contains("record 2: rejected duplicate: ", explained.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("record 2: Terminal shell", explained.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync("respnd");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("respnd", run.Error, StringComparison.Ordinal);
    }
}
