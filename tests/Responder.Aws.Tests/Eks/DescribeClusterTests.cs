using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Amazon.Runtime;
using Responder.Aws.Eks;
using Responder.Aws.Http;
using Responder.Core.Config;
using Responder.Harness.Servers;
using Responder.Hosting;
using Responder.Kubernetes;

namespace Responder.Aws.Tests.Eks;

public sealed class DescribeClusterTests : IAsyncLifetime
{
    private static readonly BasicAWSCredentials Credentials = new("AKIDEKS", "eks-secret");
    private FakeEks _eks = null!;

    public async Task InitializeAsync() => _eks = await FakeEks.StartAsync();

    public async Task DisposeAsync() => await _eks.DisposeAsync();

    private EksClient Client() => new(AwsHttp.Create(Credentials, "eu-west-1", "eks", retryDelay: TimeSpan.FromMilliseconds(5)), _eks.Endpoint);

    private ClusterAccessResolver Resolver(ClusterSettings settings) =>
        ClusterPorts.Resolver(settings, () => new EksAccess(settings, Client, () => new EksTokenProvider("falco-prod", Credentials, "eu-west-1", new Uri("https://sts.eu-west-1.amazonaws.com/"), TimeProvider.System)));

    private static string SelfSignedPem()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=kubernetes", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }

    [Fact]
    public async Task Describe_ActiveCluster_GivesEndpointAndAuthorityFromASignedRequest()
    {
        var pem = SelfSignedPem();
        _eks.Script(FakeEks.Active("falco-prod", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", pem));

        var access = await Resolver(new ClusterSettings("falco-prod")).ResolveAsync(CancellationToken.None);

        Assert.Equal(new Uri("https://ABC.gr7.eu-west-1.eks.amazonaws.com"), access.Endpoint);
        Assert.Equal("CN=kubernetes", Assert.Single(access.Authorities!).Subject);
        var (path, authorization) = Assert.Single(_eks.Requests);
        Assert.Equal("/clusters/falco-prod", path);
        Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=AKIDEKS/\d{8}/eu-west-1/eks/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$", authorization);
        Assert.IsType<EksTokenProvider>(access.Tokens);
    }

    [Fact]
    public async Task Resolve_Twice_DescribesTheClusterOnce()
    {
        _eks.Script(FakeEks.Active("falco-prod", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", SelfSignedPem()));
        var resolver = Resolver(new ClusterSettings("falco-prod"));

        var first = await resolver.ResolveAsync(CancellationToken.None);
        var second = await resolver.ResolveAsync(CancellationToken.None);

        Assert.Same(first, second);
        Assert.Single(_eks.Requests);
    }

    [Fact]
    public async Task Describe_ClusterStillCreating_FailsRetryablyAndIsNotCached()
    {
        var pem = SelfSignedPem();
        _eks.Script(FakeEks.Creating("falco-prod"), FakeEks.Active("falco-prod", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", pem));
        var resolver = Resolver(new ClusterSettings("falco-prod"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => resolver.ResolveAsync(CancellationToken.None));
        var later = await resolver.ResolveAsync(CancellationToken.None);

        Assert.Equal("ClusterNotActive", error.Code);
        Assert.True(error.Retryable);
        Assert.Equal("EKS: ClusterNotActive: cluster falco-prod is CREATING: it has no endpoint yet", error.Message);
        Assert.Equal(new Uri("https://ABC.gr7.eu-west-1.eks.amazonaws.com"), later.Endpoint);
    }

    [Fact]
    public async Task Describe_ThrottledTwice_IsRetriedAndSucceeds()
    {
        _eks.Script(FakeEks.Throttled(), FakeEks.Throttled(), FakeEks.Active("falco-prod", "https://ABC.gr7.eu-west-1.eks.amazonaws.com", SelfSignedPem()));

        var cluster = await Client().DescribeClusterAsync("falco-prod", CancellationToken.None);

        Assert.Equal("ACTIVE", cluster.Status);
        Assert.Equal(3, _eks.Requests.Count);
    }

    [Theory]
    // reply                 code                         message                                   retryable attempts
    [InlineData("not found", "ResourceNotFoundException", "No cluster found for name: falco-prod.", false, 1)]
    [InlineData("throttled", "ThrottlingException",       "Rate exceeded",                          true,  3)]
    public async Task Describe_RefusedEveryTime_FailsWithTheCodeAfterTheAttemptsItMayRetry(string reply, string code, string message, bool retryable, int attempts)
    {
        _eks.Script(reply == "throttled" ? FakeEks.Throttled() : FakeEks.NotFound("falco-prod"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client().DescribeClusterAsync("falco-prod", CancellationToken.None));

        Assert.Equal((code, message, retryable), (error.Code, error.ServiceMessage, error.Retryable));
        Assert.Equal(attempts, _eks.Requests.Count);
    }

    [Fact]
    public async Task Resolve_EndpointCaAndTokenFileInConfig_NeedsNoDescribeCluster()
    {
        var directory = Directory.CreateTempSubdirectory("responder-cluster-");
        var ca = Path.Combine(directory.FullName, "ca.pem");
        var token = Path.Combine(directory.FullName, "token");
        await File.WriteAllTextAsync(ca, SelfSignedPem());
        await File.WriteAllTextAsync(token, "test-token-1\n");
        var resolver = Resolver(new ClusterSettings(null) { Endpoint = new Uri("https://127.0.0.1:6443"), CaFile = ca, TokenFile = token });

        var access = await resolver.ResolveAsync(CancellationToken.None);
        var header = await access.Tokens.GetAuthenticationHeaderAsync(CancellationToken.None);
        await File.WriteAllTextAsync(token, "test-token-2\n");
        File.SetLastWriteTimeUtc(token, DateTime.UtcNow.AddSeconds(5));
        var rotated = await access.Tokens.GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.Empty(_eks.Requests);
        Assert.Equal("https://127.0.0.1:6443/", access.ToClientConfiguration().Host + "/");
        Assert.Equal("CN=kubernetes", Assert.Single(access.Authorities!).Subject);
        Assert.Equal("Bearer test-token-1", header.ToString());
        Assert.Equal("Bearer test-token-2", rotated.ToString());
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Resolve_NoClusterConfigured_SaysWhatToSet()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Resolver(new ClusterSettings(null)).ResolveAsync(CancellationToken.None));

        Assert.Equal("EKS: NoCluster: no cluster configured: set cluster.name (RESPONDER_CLUSTER_NAME) or cluster.endpoint", error.Message);
    }
}
