using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// A certificate authority made for this test run and a server certificate for 127.0.0.1 and
/// localhost signed by it, so the client trusts the fake only through SslCaCerts, as it trusts a
/// cluster's CA, never through the machine's trust store or SkipTlsVerify. Not disposable: an
/// authority lives as long as the test process, and servers share <see cref="Shared"/>.
/// </summary>
public sealed class TestCertificateAuthority
{
    private static readonly Lazy<TestCertificateAuthority> SharedInstance = new(() => Create());

    private readonly X509Certificate2 _root;

    private TestCertificateAuthority(X509Certificate2 root, X509Certificate2 server)
    {
        _root = root;
        ServerCertificate = server;
    }

    /// <summary>One authority per process: key generation is cheap, but there is no need to repeat it.</summary>
    public static TestCertificateAuthority Shared => SharedInstance.Value;

    /// <summary>The server certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The CA certificate (no private key), PEM encoded, as a kubeconfig or EKS gives it.</summary>
    public string CertificatePem => _root.ExportCertificatePem();

    /// <summary>A fresh collection holding the CA certificate, for KubernetesClientConfiguration.SslCaCerts.</summary>
    public X509Certificate2Collection Certificates() =>
        [X509CertificateLoader.LoadCertificate(_root.RawData)];

    /// <summary>A new authority, distinct from <see cref="Shared"/> (e.g. to show a client refuses a stranger).</summary>
    public static TestCertificateAuthority Create(string name = "falco-responder-test-ca")
    {
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(2);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var root = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = serverRequest.Create(root, notBefore, notAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        // A PKCS#12 round trip gives a certificate whose key TLS can use on every platform.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
        return new TestCertificateAuthority(X509CertificateLoader.LoadCertificate(root.RawData), server);
    }
}
