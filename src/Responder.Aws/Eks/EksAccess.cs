using Amazon.Runtime;
using k8s.Authentication;
using Responder.Aws.Http;
using Responder.Core.Config;

namespace Responder.Aws.Eks;

/// <summary>What EKS says of a cluster that a client of its API server needs: the endpoint and its authority's certificate (PEM).</summary>
public sealed record EksEndpoint(Uri Endpoint, string AuthorityPem);

/// <summary>
/// The EKS side of reaching a cluster: its endpoint and authority from DescribeCluster, its tokens signed with the AWS
/// credentials. Each is made on first use; the caller keeps what it found.
/// </summary>
public sealed class EksAccess(ClusterSettings settings, Func<EksClient> eks, Func<ITokenProvider> tokens)
{
    public static EksAccess For(ClusterSettings settings, AWSCredentials credentials, AwsEndpoints endpoints, TimeProvider time) =>
        new(settings,
            () => new EksClient(AwsHttp.Create(credentials, endpoints.Region, "eks"), endpoints.For("EKS", "eks")),
            () => EksTokenProvider.For(settings.Name ?? throw new InvalidOperationException("an EKS token needs cluster.name"), credentials, endpoints, time));

    /// <summary>The cluster's bearer tokens, signed for EKS.</summary>
    public ITokenProvider Tokens() => tokens();

    /// <summary>Describes the cluster; one with no endpoint yet fails, retryably while EKS is creating or updating it.</summary>
    public async Task<EksEndpoint> DescribeAsync(CancellationToken cancellationToken)
    {
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
        return new EksEndpoint(new Uri(cluster.Endpoint), pem);
    }
}
