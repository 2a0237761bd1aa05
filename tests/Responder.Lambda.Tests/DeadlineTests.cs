using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Responder.Core.Containment;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Lambda.Logging;
using Responder.Lambda.Runtime;

namespace Responder.Lambda.Tests;

/// <summary>The invocation's deadline on a fake clock: when the host stops is a matter of the clock, not of the machine's speed.</summary>
public sealed class DeadlineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    // time left (ms)   stops after (ms): a quarter of the time left is kept to report, at most half a second
    [InlineData(10_000, 9_500)]
    [InlineData(2_000,  1_500)]
    [InlineData(1_000,  750)]
    [InlineData(100,    75)]
    [InlineData(0,      0)]
    [InlineData(-50,    0)]
    public void Margin_TimeLeft_StopsAQuarterOfItOrHalfASecondBeforeTheDeadline(int timeLeft, int stopsAfter) =>
        Assert.Equal(TimeSpan.FromMilliseconds(stopsAfter), LambdaHost.Margin(Now.AddMilliseconds(timeLeft), new FakeTimeProvider(Now)));

    [Fact]
    public async Task Invoke_DeadlineComesWhileTheClusterIsRead_FailsWithDeadlineExceededWhenTheClockReachesTheMargin()
    {
        var clock = new FakeTimeProvider(Now);
        var cluster = new UnansweredCluster();
        using var output = new MemoryStream();
        using var log = new JsonLog(output, clock);
        var handler = new FunctionHandler("contain", new ResponsePipeline(TestConfig.From("dry_run = false"), null, cluster), log, clock);
        var invocation = new Invocation("req-1", Now.AddSeconds(2), null, null, Encoding.UTF8.GetBytes(Fixtures.Alert("release-agent-escape")));

        var invoking = LambdaHost.InvokeAsync(handler, invocation, log, clock);
        await cluster.Asked;
        clock.Advance(TimeSpan.FromMilliseconds(1_499));
        Assert.False(invoking.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await invoking.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RuntimeFailure.DeadlineExceeded, result.Failure?.ErrorType);
        Assert.Equal("stopped before the Lambda deadline with 1 records received; Lambda retries the event", result.Failure!.Message);
    }

    /// <summary>A cluster whose first read never answers: the containment waits on it until the deadline cancels it.</summary>
    private sealed class UnansweredCluster : IClusterActions
    {
        private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Asked => _asked.Task;

        public async Task<ClusterSnapshot> ReadAsync(IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken)
        {
            _asked.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        }

        public Task<IReadOnlyDictionary<string, Lookup<Owner>>> OwnersAsync(IReadOnlyList<PodFacts> pods, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task ExecuteAsync(IReadOnlyList<ClusterAction> actions, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
