using Responder.Core.Alerts;

namespace Responder.Core.Tests.Alerts;

public sealed class OutputPrefixTests
{
    [Theory]
    [InlineData("13:44:05.478445995: Critical Netcat runs inside container | evt_type=execve", "Netcat runs inside container | evt_type=execve")]
    [InlineData("2024-05-07T18:54:19.341081180+0000: Warning Sensitive file opened | file=/etc/shadow", "Sensitive file opened | file=/etc/shadow")]
    [InlineData("2024-05-07T18:54:19.341081180Z: Notice A shell was spawned", "A shell was spawned")]
    [InlineData("13:44:05.478445995: CRITICAL Netcat runs", "Netcat runs")]
    [InlineData("13:44:05.478445995: Informational Something", "Something")]
    [InlineData("13:44:05.478445995: Debug  two spaces", "two spaces")]
    public void Strip_TimeAndPriorityPrefix_IsRemoved(string output, string expected) =>
        Assert.Equal(expected, OutputPrefix.Strip(output));

    [Theory]
    [InlineData("A shell was spawned in a container with an attached terminal")]
    [InlineData("Falco internal: syscall event drop. 9 system calls dropped in last second.")]
    [InlineData("13:44:05.478445995: Urgent not a Falco priority")]
    [InlineData("user=root: Critical looks like a prefix but is not")]
    [InlineData("12:00: Warning too short to be a time")]
    [InlineData("")]
    public void Strip_NoPrefix_LeavesOutputUnchanged(string output) =>
        Assert.Equal(output, OutputPrefix.Strip(output));

    [Fact]
    public void Strip_SameEventAtDifferentTimes_GivesTheSameText()
    {
        var first = OutputPrefix.Strip("13:44:05.478445995: Notice A shell was spawned | user=root");
        var repeat = OutputPrefix.Strip("2024-05-04T13:49:12.000000001+0000: Notice A shell was spawned | user=root");

        Assert.Equal(first, repeat);
    }
}
