using System.Net;
using k8s;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>The fake's pods/log, read with the real client: what the kubelet and the API server would answer.</summary>
public sealed class FakePodLogTests : FakeServerTest
{
    private async Task<string> ReadAsync(string pod, string? container = null, bool? previous = null, int? tailLines = null, int? limitBytes = null)
    {
        using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync(pod, "shop", container: container, previous: previous, tailLines: tailLines, limitBytes: limitBytes);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Log_OnlyContainer_IsServedWithoutNamingIt()
    {
        Cluster.Add(new PodBuilder("shop", "web").OnNode("n1"));
        Cluster.WriteLog("shop", "web", "app", "one\ntwo\nthree\n");

        Assert.Equal("one\ntwo\nthree\n", await ReadAsync("web"));
        Assert.Equal("two\nthree\n", await ReadAsync("web", tailLines: 2));
        Assert.Equal("one\ntw", await ReadAsync("web", limitBytes: 6));
        Assert.Equal("thr", await ReadAsync("web", tailLines: 1, limitBytes: 3));
    }

    [Fact]
    public async Task Log_RestartedContainer_ServesThePreviousInstanceApart()
    {
        Cluster.Add(new PodBuilder("shop", "web").OnNode("n1").Containers("app", "proxy").Restarted("app", 3));
        Cluster.WriteLog("shop", "web", "app", "now\n");
        Cluster.WriteLog("shop", "web", "app", "before the crash\n", previous: true);

        Assert.Equal("before the crash\n", await ReadAsync("web", "app", previous: true));
        Assert.Equal("now\n", await ReadAsync("web", "app"));
        Assert.Equal("", await ReadAsync("web", "proxy"));
        Assert.Equal(3, (await Client.CoreV1.ReadNamespacedPodAsync("web", "shop")).Status.ContainerStatuses.Single(c => c.Name == "app").RestartCount);
    }

    [Theory]
    [InlineData(null, false, "a container name must be specified for pod web, choose one of: [app proxy]")]
    [InlineData("db", false, "container db is not valid for pod web")]
    [InlineData("proxy", true, "previous terminated container \"proxy\" in pod \"web\" not found")]
    public async Task Log_WhatTheApiServerRefuses_Is400WithItsMessage(string? container, bool previous, string message)
    {
        Cluster.Add(new PodBuilder("shop", "web").OnNode("n1").Containers("app", "proxy"));

        var body = await FakeClient.FailsWithAsync(HttpStatusCode.BadRequest, () => ReadAsync("web", container, previous ? true : null));

        Assert.Equal(message, (string?)body["message"]);
    }

    [Fact]
    public async Task Log_PodGone_Is404()
    {
        await FakeClient.FailsWithAsync(HttpStatusCode.NotFound, () => ReadAsync("gone"));
    }
}
