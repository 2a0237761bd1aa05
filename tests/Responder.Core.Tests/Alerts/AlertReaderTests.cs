using Responder.Core.Alerts;
using Responder.Harness;
using static Responder.Core.Tests.Alerts.AlertJson;

namespace Responder.Core.Tests.Alerts;

public sealed class AlertReaderTests
{
    private static readonly DateTimeOffset LogTime = new(2024, 5, 4, 13, 44, 5, 480, TimeSpan.Zero);

    [Fact]
    public void Read_Fixture_ReadsEveryField()
    {
        var alert = Valid(Fixtures.Alert("terminal-shell"));

        Assert.Equal("Terminal shell in container", alert.Rule);
        Assert.Equal(FalcoPriority.Notice, alert.Priority);
        Assert.Equal("Notice", alert.PriorityName);
        Assert.Equal("syscall", alert.Source);
        Assert.Equal("2024-05-04T13:44:05.478445995Z", alert.Time);
        Assert.Equal("ip-10-0-1-23.eu-west-1.compute.internal", alert.Hostname);
        Assert.Equal(["maturity_stable", "container", "shell", "mitre_execution", "T1059"], alert.Tags);
        Assert.Equal(new AlertTarget("payments", "api-7d9f8b6c5d-x2k4q", "ip-10-0-1-23.eu-west-1.compute.internal", "hostname"), alert.Target);
        Assert.StartsWith("A shell was spawned in a container with an attached terminal | evt_type=execve", alert.OutputText, StringComparison.Ordinal);
        Assert.StartsWith("13:44:05.478445995: Notice A shell", alert.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CapitalisedKeys_ReadsEveryField()
    {
        var alert = Valid(Fixtures.Alert("capitalised-keys"));

        Assert.Equal("Netcat Remote Code Execution in Container", alert.Rule);
        Assert.Equal(FalcoPriority.Critical, alert.Priority);
        Assert.Equal("Critical", alert.PriorityName);
        Assert.Equal("syscall", alert.Source);
        Assert.Equal("2024-05-04T13:44:05.478445995Z", alert.Time);
        Assert.Equal(6, alert.Tags.Count);
        Assert.Equal("payments", alert.Target.Namespace);
        Assert.Equal("api-7d9f8b6c5d-x2k4q", alert.Target.Pod);
        Assert.Equal("ip-10-0-1-23.eu-west-1.compute.internal", alert.Target.Node);
        Assert.Equal("nc", alert.OutputFields.GetText("proc.name"));
        Assert.Equal("[\"-e\",\"/bin/sh\",\"10.0.0.9\",\"4444\"]", alert.OutputFields.GetText("proc.args"));
        Assert.Equal("false", alert.OutputFields.GetText("proc.is_exe_upper_layer"));
        Assert.Equal("4242", alert.OutputFields.GetText("proc.pid"));
        Assert.StartsWith("Netcat runs inside container", alert.OutputText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EMERGENCY", FalcoPriority.Emergency, "Emergency")]
    [InlineData("alert", FalcoPriority.Alert, "Alert")]
    [InlineData("info", FalcoPriority.Informational, "Informational")]
    [InlineData(" Warning ", FalcoPriority.Warning, "Warning")]
    [InlineData("Critic\\u0061l", FalcoPriority.Critical, "Critical")]
    [InlineData("urgent", FalcoPriority.Unknown, "urgent")]
    public void Read_PriorityString_IsParsedAndNamed(string json, FalcoPriority priority, string name)
    {
        var alert = Valid(With("terminal-shell", "\"priority\":\"Notice\"", $"\"priority\":\"{json}\""));

        Assert.Equal(priority, alert.Priority);
        Assert.Equal(name, alert.PriorityName);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("[\"Critical\"]")]
    [InlineData("{\"name\":\"Critical\"}")]
    [InlineData("true")]
    public void Read_PriorityNotAString_IsUnknown(string json)
    {
        var alert = Valid(With("terminal-shell", "\"priority\":\"Notice\"", $"\"priority\":{json}"));

        Assert.Equal(FalcoPriority.Unknown, alert.Priority);
        Assert.Equal("Unknown", alert.PriorityName);
    }

    [Fact]
    public void Read_PriorityMissing_IsUnknown()
    {
        var alert = Valid(With("terminal-shell", "\"priority\":\"Notice\",", string.Empty));

        Assert.Equal(FalcoPriority.Unknown, alert.Priority);
    }

    [Fact]
    public void Read_LongUnknownPriority_IsEchoedBounded()
    {
        var alert = Valid(With("terminal-shell", "\"priority\":\"Notice\"", $"\"priority\":\"{new string('z', 100)}\""));

        Assert.Equal(FalcoPriority.Unknown, alert.Priority);
        Assert.Equal(new string('z', 32) + "…", alert.PriorityName);
    }

    [Fact]
    public void Read_RuleMissing_IsInvalid() =>
        Assert.Equal("the alert has no rule field", Problem(With("terminal-shell", "\"rule\":\"Terminal shell in container\",", string.Empty)));

    [Fact]
    public void Read_RuleNull_IsInvalid() =>
        Assert.Equal("the alert has no rule field", Problem(With("terminal-shell", "\"rule\":\"Terminal shell in container\"", "\"rule\":null")));

    [Theory]
    [InlineData("42")]
    [InlineData("[\"Terminal shell in container\"]")]
    [InlineData("{\"name\":\"x\"}")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public void Read_RuleNotANonEmptyString_IsInvalid(string json) =>
        Assert.Equal("the alert's rule field is not a non-empty string", Problem(With("terminal-shell", "\"rule\":\"Terminal shell in container\"", $"\"rule\":{json}")));

    [Fact]
    public void Read_InternalEvent_IsValidWithSourceInternalAndNoTags()
    {
        var alert = Valid(Fixtures.Alert("internal-drop"));

        Assert.Equal("Falco internal: syscall event drop", alert.Rule);
        Assert.Equal("internal", alert.Source);
        Assert.Equal(FalcoPriority.Debug, alert.Priority);
        Assert.Empty(alert.Tags);
        Assert.Null(alert.Target.Namespace);
        Assert.Null(alert.Target.Pod);
        Assert.Equal("Falco internal: syscall event drop. 9 system calls dropped in last second.", alert.OutputText);
    }

    [Fact]
    public void Read_SidekickSyscallsSource_IsReportedAsSyscall()
    {
        var alert = Valid(Fixtures.Alert("sidekick-fileless"));

        Assert.Equal("syscall", alert.Source);
        Assert.Equal("Fileless execution via memfd_create", alert.Rule);
        Assert.Equal("trainer-0", alert.Target.Pod);
    }

    [Theory]
    [InlineData("\"source\":\"k8s_audit\"", "k8s_audit")]
    [InlineData("\"source\":\"aws_cloudtrail\"", "aws_cloudtrail")]
    [InlineData("\"source\":\"\"", "syscall")]
    [InlineData("\"source\":null", "syscall")]
    public void Read_Source_IsKeptOrDefaultsToSyscall(string json, string expected) =>
        Assert.Equal(expected, Valid(With("terminal-shell", "\"source\":\"syscall\"", json)).Source);

    [Theory]
    [InlineData("\"tags\":\"container, shell,,T1059\"", new[] { "container", "shell", "T1059" })]
    [InlineData("\"tags\":[\"container\",1,null]", new[] { "container", "1", "" })]
    [InlineData("\"tags\":42", new string[0])]
    public void Read_TagsOfAnyShape_AreReadAsText(string json, string[] expected)
    {
        var alert = Valid(With("terminal-shell", "\"tags\":[\"maturity_stable\",\"container\",\"shell\",\"mitre_execution\",\"T1059\"]", json));

        Assert.Equal(expected, alert.Tags);
    }

    [Fact]
    public void Read_TimeMissing_FallsBackToLogTime()
    {
        var json = With("terminal-shell", "\"time\":\"2024-05-04T13:44:05.478445995Z\"", "\"time\":\"not a time\"");

        Assert.Equal("2024-05-04T13:44:05.4800000Z", Valid(json, logTime: LogTime).Time);
        Assert.Null(Valid(json).Time);
    }

    [Fact]
    public void Read_IsoTimeWithOffset_IsKeptAsWritten()
    {
        var json = With("terminal-shell", "\"time\":\"2024-05-04T13:44:05.478445995Z\"", "\"time\":\"2024-05-04T13:44:05.478445995+0000\"");

        Assert.Equal("2024-05-04T13:44:05.478445995+0000", Valid(json, logTime: LogTime).Time);
    }
}
