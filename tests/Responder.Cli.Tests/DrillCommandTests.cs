using Responder.TestSupport;

namespace Responder.Cli.Tests;

public sealed class DrillCommandTests
{
    public static TheoryData<string, string> EnvelopesAndShapes()
    {
        var data = new TheoryData<string, string>();
        foreach (var envelope in new[] { "cloudwatch", "kinesis", "sns", "direct", "array" })
        {
            foreach (var shape in new[] { "raw", "log-string", "log-object", "merged", "merged-no-log", "log-processed", "sidekick" })
            {
                data.Add(envelope, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnvelopesAndShapes))]
    public async Task Drill_EveryEnvelopeAndShape_IsReadBackByRespond(string envelope, string shape)
    {
        var drill = await CliRun.InvokeAsync("drill", "--envelope", envelope, "--shape", shape,
            "--namespace", "shop", "--pod", "cart-6d5f4-abcde", "--node", "ip-10-9-8-7.ec2.internal", "--priority", "Alert");

        var run = await CliRun.InvokeAsync(["respond", "--format", "json"], drill.Output);

        Assert.Equal(0, drill.ExitCode);
        Assert.Empty(run.Json.Rejected());
        var alert = Assert.Single(run.Json.Alerts())!;
        Assert.Equal("Terminal shell in container", alert["rule"]!.GetValue<string>());
        Assert.Equal("Alert", alert["priority"]!.GetValue<string>());
        Assert.Equal("shop", alert["namespace"]!.GetValue<string>());
        Assert.Equal("cart-6d5f4-abcde", alert["pod"]!.GetValue<string>());
        Assert.Equal("ip-10-9-8-7.ec2.internal", alert["node"]!.GetValue<string>());
    }

    [Fact]
    public async Task Drill_Default_IsACriticalShellInTheDrillWrapper()
    {
        var drill = await CliRun.InvokeAsync("drill");

        var wrapper = drill.Json;
        Assert.Equal("falco-responder-drill", wrapper["drill"]!["marker"]!.GetValue<string>());
        Assert.NotNull(wrapper["event"]!["awslogs"]!["data"]);
        var alert = Assert.Single((await CliRun.InvokeAsync(["respond", "--format", "json"], drill.Output)).Json.Alerts())!;
        Assert.Equal("Critical", alert["priority"]!.GetValue<string>());
        Assert.Equal("critical", alert["severity"]!.GetValue<string>());
    }

    [Fact]
    public async Task Drill_Plain_WritesTheBareEnvelope()
    {
        var drill = await CliRun.InvokeAsync("drill", "--plain", "--envelope", "sns");

        Assert.Null(drill.Json["drill"]);
        Assert.Equal("aws:sns", drill.Json["Records"]![0]!["EventSource"]!.GetValue<string>());
    }

    [Fact]
    public async Task Drill_WithoutPod_GivesAnAlertWhosePodActionsAreNotPlanned()
    {
        var drill = await CliRun.InvokeAsync("drill", "--pod", "", "--namespace", "");

        var alert = Assert.Single((await CliRun.InvokeAsync(["respond", "--format", "json"], drill.Output)).Json.Alerts())!;
        Assert.Null(alert["pod"]);
        Assert.Equal(["notify"], alert["actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Drill_Count_WritesThatManyLogEvents()
    {
        var drill = await CliRun.InvokeAsync("drill", "--count", "25");

        var report = (await CliRun.InvokeAsync(["respond", "--format", "json"], drill.Output)).Json;
        Assert.Equal(25, report.Summary()["received"]!.GetValue<int>());
        // The same alert 25 times: the first is acted on, the rest are its duplicates, each a log event of its own.
        Assert.Equal(25, report.Alerts().Concat(report.Rejected()).Select(a => a!["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(Enumerable.Repeat("duplicate", 24), report.RejectedCodes());
    }

    [Fact]
    public async Task Drill_UnknownPriority_IsAUsageError()
    {
        var drill = await CliRun.InvokeAsync("drill", "--priority", "Urgent");

        Assert.Equal(2, drill.ExitCode);
        Assert.Contains("Urgent", drill.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_UnknownShape_IsAUsageError()
    {
        var drill = await CliRun.InvokeAsync("drill", "--shape", "yaml");

        Assert.Equal(2, drill.ExitCode);
    }
}
