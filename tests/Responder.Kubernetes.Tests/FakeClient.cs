using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>The real client, configured against the fake as the product configures it against EKS.</summary>
internal static class FakeClient
{
    public static k8s.Kubernetes For(FakeApiServer fake, bool http2 = true) => new(new KubernetesClientConfiguration
    {
        Host = fake.Host,
        SslCaCerts = fake.Authority,
        AccessToken = fake.Token,
        DisableHttp2 = !http2,
    });

    /// <summary>Runs a call that must fail with <paramref name="status"/>; returns the Status body the client kept.</summary>
    public static async Task<JsonObject> FailsWithAsync(HttpStatusCode status, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(status, ex.Response.StatusCode);
        var body = JsonNode.Parse(ex.Response.Content)!.AsObject();
        Assert.Equal("Status", (string?)body["kind"]);
        Assert.Equal("v1", (string?)body["apiVersion"]);
        Assert.Equal((int)status, (int?)body["code"]);
        return body;
    }
}
