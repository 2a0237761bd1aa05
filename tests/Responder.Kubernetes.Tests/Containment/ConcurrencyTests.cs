using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>containment.concurrency bounds the calls in flight across the whole batch.</summary>
public sealed class ConcurrencyTests : ContainmentTest
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task CallsInFlight_NeverExceedTheBound(int concurrency)
    {
        Cluster.AddNodes("n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10");
        var pods = Enumerable.Range(0, 8).Select(i => Cluster.AddBarePod("web", $"shell-{i}", $"n{i + 1}")).ToList();
        // The first requests wait until the bound is reached (however slow the machine); the latency keeps every
        // later one in flight long enough for one past the bound to be counted.
        Fake.Hold(releaseAt: concurrency);
        Fake.Latency = TimeSpan.FromMilliseconds(60);

        var report = await RespondWithAsync($"[containment]\nconcurrency = {concurrency}\nmax_cordoned_share = \"100%\"", [.. pods.Select(Alert)]);

        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal("succeeded", ReportActions.Status(report, "delete-pod", i)));
        Assert.Equal(concurrency, Fake.MaxInFlight);
    }

    [Fact]
    public async Task ABatchOfPods_IsReadAndActedOnInParallel()
    {
        var pods = Enumerable.Range(0, 8).Select(i => Cluster.AddBarePod("web", $"shell-{i}", "n1")).ToList();
        // Held until 8 wait together: only a batch acted on in parallel gets there.
        Fake.Hold(releaseAt: 8);
        Fake.Latency = TimeSpan.FromMilliseconds(60);

        await RespondAsync([.. pods.Select(Alert)]);

        // 8 pod reads and the node list, 8 labels, 1 cordon, 8 deletes: the default bound of 8 keeps 8 in flight.
        Assert.Equal(8, Fake.MaxInFlight);
        Assert.Empty(Cluster.Pods("web"));
    }
}
