using System.Diagnostics;
using System.Net;
using System.Net.Http;
using k8s;
using k8s.Models;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>Injected faults reach the client as a real API server's failures would.</summary>
public sealed class FaultInjectionTests : FakeServerTest
{
    private static V1Patch Cordon => new("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.MergePatch);

    [Theory]
    [InlineData(500, "InternalError")]
    [InlineData(409, "Conflict")]
    [InlineData(429, "TooManyRequests")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task PatchNode_InjectedStatus_SurfacesAsHttpOperationExceptionThenRecovers(int code, string reason)
    {
        var fault = code switch
        {
            500 => FakeFault.InternalError(),
            409 => FakeFault.Conflict(),
            429 => FakeFault.TooManyRequests(),
            _ => FakeFault.ServiceUnavailable(),
        };
        Fake.Faults.Inject(fault, "PATCH", "/api/v1/nodes/n1");

        var status = await FakeClient.FailsWithAsync((HttpStatusCode)code, () => Client.CoreV1.PatchNodeAsync(Cordon, "n1"));
        Assert.Equal(reason, (string?)status["reason"]);
        Assert.False(Cluster.Node("n1").Unschedulable);

        await Client.CoreV1.PatchNodeAsync(Cordon, "n1");
        Assert.True(Cluster.Node("n1").Unschedulable);
        Assert.Equal(0, Fake.Faults.Pending);
    }

    [Fact]
    public async Task ListNode_Injected429_CarriesRetryAfterAndIsNotRetriedByTheClient()
    {
        Fake.Faults.Inject(FakeFault.TooManyRequests(retryAfterSeconds: 2), "GET", "/api/v1/nodes");

        var ex = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => Client.CoreV1.ListNodeAsync());

        Assert.Equal(["2"], ex.Response.Headers["Retry-After"]);
        Assert.Single(Fake.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ListNode_ConnectionReset_SurfacesAsHttpRequestExceptionAndNextCallWorks(bool http2)
    {
        using var client = FakeClient.For(Fake, http2);
        Fake.Faults.Inject(FakeFault.ConnectionReset(), "GET", "/api/v1/nodes");

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNodeAsync());
        var nodes = await client.CoreV1.ListNodeAsync();

        Assert.IsAssignableFrom<IOException>(ex.InnerException);
        Assert.Equal(2, nodes.Items.Count);
        Assert.True(Fake.Requests[0].ConnectionDropped);
        Assert.Null(Fake.Requests[0].StatusCode);
        Assert.Equal(http2 ? "HTTP/2" : "HTTP/1.1", Fake.Requests[0].Protocol);
    }

    [Fact]
    public async Task Inject_Times_FaultsExactlyThatManyMatchingRequests()
    {
        Fake.Faults.Inject(FakeFault.InternalError(), "GET", "/api/v1/namespaces/*", times: 2);

        await Client.CoreV1.ListNodeAsync();
        await FakeClient.FailsWithAsync(HttpStatusCode.InternalServerError, () => Client.CoreV1.ListNamespacedPodAsync("shop"));
        await FakeClient.FailsWithAsync(HttpStatusCode.InternalServerError, () => Client.CoreV1.ListNamespacedPodAsync("shop"));
        await Client.CoreV1.ListNamespacedPodAsync("shop");

        Assert.Equal([200, 500, 500, 200], Fake.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Inject_Predicate_MatchesOnBody()
    {
        Fake.Faults.Inject(FakeFault.Conflict(), r => r.Method == "PATCH" && r.Body.Contains("taints", StringComparison.Ordinal));

        await Client.CoreV1.PatchNodeAsync(Cordon, "n1");
        await FakeClient.FailsWithAsync(HttpStatusCode.Conflict,
            () => Client.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"taints":[]}}""", V1Patch.PatchType.MergePatch), "n1"));
    }

    [Fact]
    public async Task Latency_Set_DelaysEveryRequestByAtLeastThatMuch()
    {
        Fake.Latency = TimeSpan.FromMilliseconds(20);
        await Client.CoreV1.ListNodeAsync(); // the connection and TLS handshake are not what is measured

        // A lower bound: a faster machine cannot make the delays shorter.
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            await Client.CoreV1.ReadNodeAsync("n1");
        }

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(100), $"5 calls took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Hold_KeepsARequestUnansweredUntilReleased()
    {
        var hold = Fake.Hold();

        var read = Client.CoreV1.ReadNodeAsync("n1");
        await hold.WaitingAsync(1);

        Assert.False(read.IsCompleted);
        Assert.Single(Fake.Requests);
        hold.Release();
        Assert.Equal("n1", (await read).Metadata.Name);
        Assert.Equal(0, hold.Waiting);
        Assert.Equal("n2", (await Client.CoreV1.ReadNodeAsync("n2")).Metadata.Name); // released for good
    }

    [Fact]
    public async Task Hold_ReleaseAt_LetsThemAllGoOnceThatManyWaitTogether()
    {
        var hold = Fake.Hold(releaseAt: 3);

        var first = Task.WhenAll(Client.CoreV1.ReadNodeAsync("n1"), Client.CoreV1.ReadNodeAsync("n2"));
        await hold.WaitingAsync(2);
        Assert.False(first.IsCompleted);
        var third = Client.CoreV1.ReadNodeAsync("n1");
        await Task.WhenAll(first, third);

        Assert.True(hold.IsReleased);
        Assert.Equal(3, Fake.MaxInFlight);
    }
}
