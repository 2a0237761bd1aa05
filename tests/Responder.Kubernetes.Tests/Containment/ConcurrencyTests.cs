using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>containment.concurrency bounds the calls in flight across the whole batch.</summary>
public sealed class ConcurrencyTests : ContainmentTest
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void CallsInFlight_NeverExceedTheBound(int concurrency)
    {
        var latency = TimeSpan.FromMilliseconds(60);
        Cluster.AddNodes("n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10");
        var pods = Enumerable.Range(0, 8).Select(i => Cluster.AddBarePod("web", $"shell-{i}", $"n{i + 1}")).ToList();
        Fake.Latency = latency;

        var report = RespondWith($"[containment]\nconcurrency = {concurrency}\nmax_cordoned_share = \"100%\"", [.. pods.Select(Alert)]);

        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal("succeeded", ReportActions.Status(report, "delete-pod", i)));
        // Never more than the bound; reaching it shows the bound, not a slow machine, set the pace.
        Assert.InRange(MaxInFlight(latency), Math.Max(1, concurrency - 1), concurrency);
    }

    [Fact]
    public void ABatchOfPods_IsReadAndActedOnInParallel()
    {
        var latency = TimeSpan.FromMilliseconds(60);
        var pods = Enumerable.Range(0, 8).Select(i => Cluster.AddBarePod("web", $"shell-{i}", "n1")).ToList();
        Fake.Latency = latency;

        Respond([.. pods.Select(Alert)]);

        // 8 pod reads and the node list, 8 labels, 1 cordon, 8 deletes: the default bound of 8 keeps 8 in flight.
        Assert.InRange(MaxInFlight(latency), 6, 8);
        Assert.Empty(Cluster.Pods("web"));
    }

    // Every request stays in the fake for at least the latency, so all requests received within one
    // latency of each other were in flight together.
    private int MaxInFlight(TimeSpan latency)
    {
        var window = latency - TimeSpan.FromMilliseconds(10);
        var times = Fake.Requests.Select(r => r.ReceivedAt).Order().ToList();
        return times.Select(t => times.Count(u => u >= t && u - t < window)).Max();
    }
}
