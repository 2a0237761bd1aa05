using Amazon.Runtime;
using k8s.Authentication;
using Responder.Aws.Http;
using Responder.Core.Config;

namespace Responder.Aws.Eks;

/// <summary>
/// Finds how to reach the cluster, once per process: the endpoint and CA from the configuration, or
/// from EKS DescribeCluster (cached across warm invocations; a failure is not cached); the token from
/// a file (non-EKS clusters) or signed for EKS.
/// </summary>
public sealed class ClusterAccessResolver(ClusterSettings settings, Func<EksClient> eks, Func<ITokenProvider> eksTokens) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private ClusterAccess? _access;

    public static ClusterAccessResolver ForEks(ClusterSettings settings, AWSCredentials credentials, AwsEndpoints endpoints, TimeProvider time) =>
        new(settings,
            () => new EksClient(AwsHttp.Create(credentials, endpoints.Region, "eks"), endpoints.For("EKS", "eks")),
            () => EksTokenProvider.For(settings.Name ?? throw new InvalidOperationException("an EKS token needs cluster.name"), credentials, endpoints, time));

    public async Task<ClusterAccess> ResolveAsync(CancellationToken cancellationToken)
    {
        if (_access is { } cached)
        {
            return cached;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _access ??= await CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    private async Task<ClusterAccess> CreateAsync(CancellationToken cancellationToken)
    {
        ITokenProvider Tokens() => settings.TokenFile is { } file ? new FileTokenProvider(file) : eksTokens();

        if (settings.Endpoint is { } endpoint)
        {
            var authorities = settings.CaFile is { } caFile ? ClusterAccess.Pem(await File.ReadAllTextAsync(caFile, cancellationToken).ConfigureAwait(false)) : null;
            return new ClusterAccess(endpoint, authorities, Tokens());
        }

        var name = settings.Name ?? throw new AwsServiceException("EKS", null, "NoCluster",
            "no cluster configured: set cluster.name (RESPONDER_CLUSTER_NAME) or cluster.endpoint", retryable: false);
        var cluster = await eks().DescribeClusterAsync(name, cancellationToken).ConfigureAwait(false);
        if (cluster.Endpoint is null || cluster.CertificateAuthority?.Data is null)
        {
            throw new AwsServiceException("EKS", null, "ClusterNotActive",
                $"cluster {name} is {cluster.Status ?? "in an unknown state"}: it has no endpoint yet",
                retryable: cluster.Status is "CREATING" or "UPDATING");
        }

        var pem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(cluster.CertificateAuthority.Data));
        return new ClusterAccess(new Uri(cluster.Endpoint), ClusterAccess.Pem(pem), Tokens());
    }
}
