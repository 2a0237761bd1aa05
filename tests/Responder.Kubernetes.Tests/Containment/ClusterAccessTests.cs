using System.Text.Json.Nodes;
using System.Text;
using Responder.Aws;
using Responder.Harness.Kubernetes;
using Responder.Harness;
using Responder.Hosting;
using Responder.TestSupport;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>
/// The cluster port as the hosts build it from configuration (ClusterPorts.Cluster): an API server given
/// by endpoint, its CA file and a token file, reached over TLS with the token.
/// </summary>
public sealed class ClusterAccessTests : FakeServerTest, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("responder-access-").FullName;

    [Fact]
    public async Task ConfiguredCluster_IsReachedWithItsCaAndToken()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = await RunAsync(Cluster.Pods()[0]);

        Assert.Equal("succeeded", (string?)report["alerts"]![0]!["actions"]![2]!["status"]);
        Assert.Null(Cluster.Pod("web", pod.Name));
        Assert.All(Fake.Requests, r => Assert.Equal($"Bearer {Fake.Token}", r.Headers["authorization"]));
    }

    [Fact]
    public async Task TokenFileRewritten_TheNewTokenIsUsed()
    {
        Cluster.AddBarePod("web", "a", "n1");
        Cluster.AddBarePod("web", "b", "n1");
        var config = Config();
        var port = ClusterPorts.Cluster(config, _ => null)!;
        await RunAsync(port, config, Cluster.Pod("web", "a")!);

        var next = Fake.RotateToken();
        await File.WriteAllTextAsync(Path.Combine(_directory, "token"), next + "\n");
        File.SetLastWriteTimeUtc(Path.Combine(_directory, "token"), DateTime.UtcNow.AddMinutes(1));
        var report = await RunAsync(port, config, Cluster.Pod("web", "b")!);

        Assert.Null(Cluster.Pod("web", "a"));
        Assert.Equal("succeeded", (string?)report["alerts"]![0]!["actions"]![2]!["status"]);
        Assert.Equal($"Bearer {next}", Fake.Requests[^1].Headers["authorization"]);
    }

    [Fact]
    public async Task UntrustedCertificate_FailsClearly_WithoutRetrying()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");
        await File.WriteAllTextAsync(Path.Combine(_directory, "ca.pem"), TestCertificateAuthority.Create("someone-else").CertificatePem);

        var report = await RunAsync(pod, writeCa: false);

        var delete = report["alerts"]![0]!["actions"]![2]!;
        Assert.Equal("failed", (string?)delete["status"]);
        Assert.StartsWith("cluster-unreachable: The SSL connection could not be established", (string?)delete["reason"], StringComparison.Ordinal);
        Assert.Empty(Fake.Requests);
        Assert.NotNull(Cluster.Pod("web", "shell"));
    }

    [Fact]
    public async Task MissingCaFile_EveryActionFails_WithTheFileNamed()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");
        File.Delete(Path.Combine(_directory, "ca.pem"));

        var report = await RunAsync(pod, writeCa: false);

        var reasons = report["alerts"]![0]!["actions"]!.AsArray().Take(3).Select(a => (string?)a!["reason"]).ToList();
        Assert.All(reasons, r => Assert.StartsWith("cluster-unreachable: Could not find file", r, StringComparison.Ordinal));
        Assert.All(reasons, r => Assert.Contains("ca.pem", r, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<JsonObject> RunAsync(PodSnapshot pod, bool writeCa = true)
    {
        var config = Config(writeCa);
        return RunAsync(ClusterPorts.Cluster(config, _ => null)!, config, pod);
    }

    private static Task<JsonObject> RunAsync(KubernetesClusterActions port, Core.Config.ResponderConfig config, PodSnapshot pod)
    {
        var alert = Fixtures.AlertNode("drop-and-execute");
        alert["hostname"] = pod.NodeName;
        alert["output_fields"]!["k8s.ns.name"] = pod.Namespace;
        alert["output_fields"]!["k8s.pod.name"] = pod.Name;
        return ReportRunner.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(alert.ToJsonString())), config, cluster: port);
    }

    private Core.Config.ResponderConfig Config(bool writeCa = true)
    {
        if (writeCa)
        {
            File.WriteAllText(Path.Combine(_directory, "ca.pem"), Fake.AuthorityPem);
        }

        if (!File.Exists(Path.Combine(_directory, "token")))
        {
            File.WriteAllText(Path.Combine(_directory, "token"), Fake.Token);
        }

        return TestConfig.From($"""
            dry_run = false
            [cluster]
            endpoint = "{Fake.Host}"
            ca_file = "{Path.Combine(_directory, "ca.pem")}"
            token_file = "{Path.Combine(_directory, "token")}"
            """);
    }
}
