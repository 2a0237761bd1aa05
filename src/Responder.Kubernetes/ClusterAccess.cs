using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;

namespace Responder.Kubernetes;

/// <summary>How to reach the cluster's API server: its URL, the authority that signed its certificate, a token.</summary>
public sealed record ClusterAccess(Uri Endpoint, X509Certificate2Collection? Authorities, ITokenProvider Tokens)
{
    public KubernetesClientConfiguration ToClientConfiguration() => new()
    {
        Host = Endpoint.AbsoluteUri.TrimEnd('/'),
        SslCaCerts = Authorities,
        TokenProvider = Tokens,
    };

    /// <summary>
    /// A cluster whose endpoint is given: its authority from <paramref name="caFile"/> (none: the system's roots), then its
    /// tokens (asked for only once the authority is read, so a missing CA file is the error reported first).
    /// </summary>
    public static async Task<ClusterAccess> GivenAsync(Uri endpoint, string? caFile, Func<ITokenProvider> tokens, CancellationToken cancellationToken)
    {
        var authorities = caFile is null ? null : Pem(await File.ReadAllTextAsync(caFile, cancellationToken).ConfigureAwait(false));
        return new ClusterAccess(endpoint, authorities, tokens());
    }

    public static X509Certificate2Collection Pem(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }
}
