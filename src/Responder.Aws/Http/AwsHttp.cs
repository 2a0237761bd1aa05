using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Responder.Aws.Http;

/// <summary>
/// HttpClients for one AWS service: retries, then SigV4 signing (AWSSDK.Core), then the transport.
/// Redirects are not followed: a signed request must not be replayed at another address.
/// </summary>
public static class AwsHttp
{
    /// <param name="transport">The innermost handler (tests put a fault injector or a fake here); a socket handler by default.</param>
    public static HttpClient Create(AWSCredentials credentials, string region, string signingService, HttpMessageHandler? transport = null, TimeSpan? retryDelay = null)
    {
        var signer = new SigV4SigningHandler(
            new AWSSigV4Parameters
            {
                Credentials = credentials,
                Region = RegionEndpoint.GetBySystemName(region),
                Service = signingService,
            },
            transport ?? new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return new HttpClient(new AwsRetryHandler(signer, baseDelay: retryDelay)) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
