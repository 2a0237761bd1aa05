using System.Text;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Cli.Tests;

public sealed class ProgressLineTests
{
    private static MemoryStream LongInput() =>
        new(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Fixtures.Alert("terminal-shell") + "\n", 12))));

    [Fact]
    public async Task Respond_LongRunOnATerminal_ShowsProgressOnStandardErrorOnly()
    {
        var run = await CliRun.InvokeAsync(["respond", "--format", "json"], LongInput(), errorIsTerminal: true, clock: new SteppingClock(TimeSpan.FromMilliseconds(400)));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(12, run.Json.Summary()["received"]!.GetValue<int>());
        Assert.Contains("\rresponder: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(" records, ", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("\r", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Respond_StandardErrorRedirected_ShowsNoProgress()
    {
        var run = await CliRun.InvokeAsync(["respond", "--format", "json"], LongInput(), errorIsTerminal: false, clock: new SteppingClock(TimeSpan.FromMilliseconds(400)));

        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Respond_ShortRunOnATerminal_ShowsNoProgress()
    {
        var run = await CliRun.InvokeAsync(["respond", "--format", "json"], LongInput(), errorIsTerminal: true, clock: new SteppingClock(TimeSpan.FromMilliseconds(1)));

        Assert.Empty(run.Error);
    }

    /// <summary>A clock that moves on by a fixed step each time it is read.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks += step.Ticks;
    }
}
