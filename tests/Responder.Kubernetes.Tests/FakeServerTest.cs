using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>A fresh fake per test, with nodes n1 and n2, and the real client pointed at it.</summary>
public abstract class FakeServerTest : IAsyncLifetime
{
    private k8s.Kubernetes? _client;

    protected FakeApiServer Fake { get; private set; } = null!;

    protected k8s.Kubernetes Client => _client ??= FakeClient.For(Fake);

    protected ClusterState Cluster => Fake.Cluster;

    public async Task InitializeAsync()
    {
        Fake = await FakeApiServer.StartAsync();
        Fake.Cluster.AddNodes("n1", "n2");
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await Fake.DisposeAsync();
    }
}
