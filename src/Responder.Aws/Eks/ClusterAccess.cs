using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;

namespace Responder.Aws.Eks;

/// <summary>How to reach the cluster's API server: its URL, the authority that signed its certificate, a token.</summary>
public sealed record ClusterAccess(Uri Endpoint, X509Certificate2Collection? Authorities, ITokenProvider Tokens)
{
    public KubernetesClientConfiguration ToClientConfiguration() => new()
    {
        Host = Endpoint.AbsoluteUri.TrimEnd('/'),
        SslCaCerts = Authorities,
        TokenProvider = Tokens,
    };

    public static X509Certificate2Collection Pem(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }
}
