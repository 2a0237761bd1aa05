using System.Net;
using System.Net.Http;
using k8s;
using k8s.Authentication;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>TLS against the run's own CA, and the bearer token.</summary>
public sealed class AuthenticationTests : FakeServerTest
{
    [Fact]
    public async Task ListNode_NoToken_Fails401AndChangesNothing()
    {
        using var anonymous = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = Fake.Host, SslCaCerts = Fake.Authority });

        var status = await FakeClient.FailsWithAsync(HttpStatusCode.Unauthorized, () => anonymous.CoreV1.ListNodeAsync());

        Assert.Equal("Unauthorized", (string?)status["reason"]);
        Assert.False(Fake.Requests.Single().Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task PatchNode_WrongToken_Fails401AndLeavesNodeSchedulable()
    {
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = Fake.Host, SslCaCerts = Fake.Authority, AccessToken = "k8s-aws-v1.forged" });

        await FakeClient.FailsWithAsync(HttpStatusCode.Unauthorized,
            () => client.CoreV1.PatchNodeAsync(new k8s.Models.V1Patch("""{"spec":{"unschedulable":true}}""", k8s.Models.V1Patch.PatchType.MergePatch), "n1"));

        Assert.False(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task RotateToken_OldTokenRefused_ProviderWithNewTokenAccepted()
    {
        var provider = new SwitchingTokenProvider(Fake.Token);
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = Fake.Host, SslCaCerts = Fake.Authority, TokenProvider = provider });
        await client.CoreV1.ListNodeAsync();

        var next = Fake.RotateToken();
        await FakeClient.FailsWithAsync(HttpStatusCode.Unauthorized, () => client.CoreV1.ListNodeAsync());
        provider.Token = next;
        await client.CoreV1.ListNodeAsync();

        Assert.Equal([200, 401, 200], Fake.Requests.Select(r => r.StatusCode));
        Assert.Equal("Bearer " + next, Fake.Requests[^1].Headers["authorization"]);
    }

    [Fact]
    public async Task ListNode_ClientTrustsAnotherAuthority_FailsTlsBeforeAnyRequest()
    {
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration
        {
            Host = Fake.Host,
            SslCaCerts = TestCertificateAuthority.Create("stranger-ca").Certificates(),
            AccessToken = Fake.Token,
        });

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNodeAsync());

        Assert.IsType<System.Security.Authentication.AuthenticationException>(ex.InnerException);
        Assert.Empty(Fake.Requests);
    }

    [Fact]
    public void Authority_Pem_IsTheCertificateTheClientTrusts()
    {
        var fromPem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(Fake.AuthorityPem);

        Assert.Equal(Fake.Authority[0].Thumbprint, fromPem.Thumbprint);
        Assert.StartsWith("https://127.0.0.1:", Fake.Host, StringComparison.Ordinal);
    }

    private sealed class SwitchingTokenProvider(string token) : ITokenProvider
    {
        public string Token { get; set; } = token;

        public Task<System.Net.Http.Headers.AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token));
    }
}
