using Responder.Harness;
using Responder.Hosting;

namespace Responder.Aws.Tests.Hosting;

/// <summary>The composition root gives the hosts their ports or a problem, never an adapter's exception.</summary>
public sealed class CompositionTests
{
    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void Ports_StateTableWithoutARegion_IsAProblemSayingWhatIsMissing()
    {
        var config = TestConfig.From("[state]\ntable = \"responder-state\"");

        var ports = Composition.Ports(config, NoEnvironment);

        Assert.False(ports.IsBuilt);
        Assert.Null(ports.Value);
        Assert.Equal("DynamoDB: NoRegion: set AWS_REGION or aws.region to use the state table", ports.Problem.Message);
    }

    [Fact]
    public void Ports_ClusterGivenWithItsTokenFile_NeedsNoAwsAtAll()
    {
        // No region and no credentials anywhere: a cluster given with its own token is reached without AWS.
        var config = TestConfig.From("[cluster]\nendpoint = \"https://127.0.0.1:6443\"\ntoken_file = \"/nonexistent/token\"");

        var ports = Composition.Ports(config, NoEnvironment);

        Assert.True(ports.IsBuilt);
        Assert.NotNull(ports.Value.Cluster);
        Assert.Null(ports.Value.Notifier);
        Assert.Null(ports.Value.State);
        Assert.Null(ports.Value.Findings);
    }

    [Fact]
    public void Release_EksClusterWithoutARegion_IsAProblemSayingWhatIsMissing()
    {
        var config = TestConfig.From("[cluster]\nname = \"falco-prod\"");

        var release = Composition.Release(config, NoEnvironment);

        Assert.False(release.IsBuilt);
        Assert.Equal("EKS: NoRegion: set AWS_REGION or aws.region to reach an EKS cluster", release.Problem.Message);
    }
}
