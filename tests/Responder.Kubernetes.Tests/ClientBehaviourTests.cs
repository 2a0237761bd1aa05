using k8s;
using k8s.Models;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>
/// What KubernetesClient.Aot 21.0.8 puts on the wire, pinned so that the fake accepts exactly that
/// and so that a client upgrade that changes it shows up here first.
/// </summary>
public sealed class ClientBehaviourTests : FakeServerTest
{
    [Theory]
    [InlineData(V1Patch.PatchType.MergePatch, "application/merge-patch+json; charset=utf-8")]
    [InlineData(V1Patch.PatchType.StrategicMergePatch, "application/strategic-merge-patch+json; charset=utf-8")]
    [InlineData(V1Patch.PatchType.JsonPatch, "application/json-patch+json; charset=utf-8")]
    [InlineData(V1Patch.PatchType.ApplyPatch, "application/apply-patch+yaml; charset=utf-8")]
    public async Task PatchNode_EachPatchType_SendsItsMediaTypeWithCharset(V1Patch.PatchType type, string contentType)
    {
        var body = type == V1Patch.PatchType.JsonPatch ? """[{"op":"add","path":"/spec/unschedulable","value":true}]""" : """{"spec":{"unschedulable":true}}""";

        try
        {
            await Client.CoreV1.PatchNodeAsync(new V1Patch(body, type), "n1", fieldManager: "falco-responder");
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            // Server-side apply is refused by the fake (415); only what was sent matters here.
        }

        var request = Fake.Requests.Single();
        Assert.Equal(contentType, request.ContentType);
        Assert.Equal(body, request.Body);
        Assert.Equal("falco-responder", request.QueryValue("fieldManager"));
    }

    [Fact]
    public async Task PatchNode_ObjectBody_ThrowsNotSupportedBeforeSending()
    {
        var patch = new V1Patch(new Dictionary<string, object> { ["spec"] = new Dictionary<string, object> { ["unschedulable"] = true } }, V1Patch.PatchType.MergePatch);

        await Assert.ThrowsAsync<NotSupportedException>(() => Client.CoreV1.PatchNodeAsync(patch, "n1"));

        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public async Task AnyCall_Default_UsesHttp2AndBearerTokenWithoutAccept()
    {
        await Client.CoreV1.ListNodeAsync();

        var request = Fake.Requests.Single();
        Assert.Equal("HTTP/2", request.Protocol);
        Assert.Equal("Bearer " + Fake.Token, request.Headers["authorization"]);
        Assert.StartsWith("kubernetes-csharp/21.0.8", request.Headers["user-agent"], StringComparison.Ordinal);
        Assert.False(request.Headers.ContainsKey("accept"));
        Assert.Equal("/api/v1/nodes?watch=false", request.PathAndQuery);
    }

    [Fact]
    public async Task DeleteNamespacedPod_BodyAndParameter_SendsBothBodyAndQuery()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");

        await Client.CoreV1.DeleteNamespacedPodAsync("web-1", "shop", new V1DeleteOptions { GracePeriodSeconds = 5 }, gracePeriodSeconds: 7);

        var request = Fake.Requests.Single();
        Assert.Equal("7", request.QueryValue("gracePeriodSeconds"));
        Assert.Equal("""{"gracePeriodSeconds":5}""", request.Body);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        // A body, when present, is what the server reads.
        Assert.Equal(5L, Cluster.Deletions.Single().GracePeriodSeconds);
    }

    [Fact]
    public async Task DeleteNamespacedPod_NoBody_SendsNoContentAndQueryGracePeriodCounts()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");

        await Client.CoreV1.DeleteNamespacedPodAsync("web-1", "shop", gracePeriodSeconds: 0);

        var request = Fake.Requests.Single();
        Assert.Equal(("", null), (request.Body, request.ContentType));
        Assert.Equal(0L, Cluster.Deletions.Single().GracePeriodSeconds);
    }

    [Fact]
    public async Task CreateNamespacedPodEviction_EvictionWithoutKind_SendsNoKindOrApiVersion()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");

        await Client.CoreV1.CreateNamespacedPodEvictionAsync(new V1Eviction { Metadata = new V1ObjectMeta { Name = "web-1" } }, "web-1", "shop");

        // The client fills in nothing: the product must set apiVersion policy/v1 and kind Eviction itself.
        Assert.Equal("""{"metadata":{"name":"web-1"}}""", Fake.Requests.Single().Body);
    }
}
