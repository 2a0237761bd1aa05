using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using k8s.Authentication;

namespace Responder.Aws.Eks;

/// <summary>
/// The EKS bearer token, as aws-iam-authenticator makes it: a presigned STS GetCallerIdentity URL
/// with the cluster name in the signed <c>x-k8s-aws-id</c> header, base64url-encoded behind
/// <c>k8s-aws-v1.</c>. Valid about 15 minutes from its signing time; renewed at 14. No network call.
/// </summary>
public sealed class EksTokenProvider(string clusterName, AWSCredentials credentials, string region, Uri stsEndpoint, TimeProvider time) : ITokenProvider
{
    public const string Prefix = "k8s-aws-v1.";
    private static readonly TimeSpan Expires = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RenewAfter = TimeSpan.FromMinutes(14);
    private readonly Lock _lock = new();
    private (string Token, DateTimeOffset SignedAt)? _current;

    /// <summary>The provider for a cluster, signing for the STS endpoint of the region's partition (or AWS_ENDPOINT_URL_STS).</summary>
    public static EksTokenProvider For(string clusterName, AWSCredentials credentials, Http.AwsEndpoints endpoints, TimeProvider time) =>
        new(clusterName, credentials, endpoints.Region, endpoints.For("STS", "sts"), time);

    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AuthenticationHeaderValue("Bearer", Token()));

    /// <summary>The current token, signed anew once the last one is 14 minutes old.</summary>
    public string Token()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_current is { } fresh && now - fresh.SignedAt < RenewAfter)
            {
                return fresh.Token;
            }

            var token = Create(now);
            _current = (token, now);
            return token;
        }
    }

    private string Create(DateTimeOffset now)
    {
        var request = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Get,
            RequestUri = new Uri(stsEndpoint, "?Action=GetCallerIdentity&Version=2011-06-15"),
        };
        request.Headers["x-k8s-aws-id"] = clusterName;
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = "sts",
            SignedAt = now.UtcDateTime,
        };
        return Prefix + Base64Url(AWSSigV4Signer.Presign(request, parameters, Expires).Uri.AbsoluteUri);
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
