using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Responder.Aws.Eks;
using Responder.Aws.Http;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.Moto;

/// <summary>EKS DescribeCluster against moto's EKS, which answers with the real reply's shape and errors.</summary>
[Collection(MotoCollection.Name)]
public sealed class MotoEksTests(MotoFixture moto)
{
    private static HttpClient Http() => AwsHttp.Create(MotoServer.Credentials, MotoServer.Region, "eks", retryDelay: TimeSpan.FromMilliseconds(5));

    private EksClient Client() => new(Http(), moto.Server.Endpoint);

    private async Task CreateClusterAsync(string name)
    {
        using var http = Http();
        var request = new JsonObject
        {
            ["name"] = name,
            ["roleArn"] = $"arn:aws:iam::{MotoServer.Account}:role/eks-cluster",
            ["resourcesVpcConfig"] = new JsonObject { ["subnetIds"] = new JsonArray("subnet-0123456789abcdef0", "subnet-0123456789abcdef1") },
        };
        using var response = await http.PostAsJsonAsync(new Uri(moto.Server.Endpoint, "clusters"), request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Describe_ClusterMotoCreated_GivesItsNameEndpointStatusAndAuthority()
    {
        var name = $"prod-{Guid.NewGuid():N}"[..20];
        await CreateClusterAsync(name);

        var cluster = await Client().DescribeClusterAsync(name, CancellationToken.None);

        Assert.Equal((name, "ACTIVE"), (cluster.Name, cluster.Status));
        Assert.StartsWith("https://", cluster.Endpoint, StringComparison.Ordinal);
        Assert.Contains($".{MotoServer.Region}.eks.amazonaws.com", cluster.Endpoint, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(cluster.CertificateAuthority?.Data));
    }

    [Fact]
    public async Task Describe_UnknownCluster_FailsAtOnceWithResourceNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client().DescribeClusterAsync("no-such-cluster", CancellationToken.None));

        Assert.Equal(("ResourceNotFoundException", false), (error.Code, error.Retryable));
        Assert.Contains("no-such-cluster", error.Message, StringComparison.Ordinal);
    }
}
