using Responder.Harness;

namespace Responder.Core.Tests.Config;

public sealed class ClusterAndNotificationConfigTests
{
    [Fact]
    public void Load_ClusterGivenDirectly_KeepsEndpointCaAndTokenFile()
    {
        var config = TestConfig.From("[cluster]\nendpoint = \"https://127.0.0.1:6443\"\nca_file = \"/etc/ca.pem\"\ntoken_file = \"/run/token\"");

        Assert.Equal(new Uri("https://127.0.0.1:6443"), config.Cluster.Endpoint);
        Assert.Equal("/etc/ca.pem", config.Cluster.CaFile);
        Assert.Equal("/run/token", config.Cluster.TokenFile);
    }

    [Theory]
    [InlineData("[cluster]\nendpoint = \"http://127.0.0.1:6443\"", "cluster.endpoint", "\"http://127.0.0.1:6443\" is not an https:// URL")]
    [InlineData("[cluster]\nca_file = \"/etc/ca.pem\"", "cluster.endpoint", "required when ca_file or token_file is given")]
    [InlineData("[notifications]\nmax_messages = 0", "notifications.max_messages", "must be between 1 and 1000, got 0")]
    public void Load_BadClusterOrNotificationSetting_IsAnError(string toml, string path, string message)
    {
        var error = Assert.Single(TestConfig.Load(toml).Errors);

        Assert.Equal((path, message), (error.Path, error.Message));
    }

    [Fact]
    public void Load_ClusterFromEnvironment_OverridesTheFile()
    {
        var config = TestConfig.From(null, new Dictionary<string, string>
        {
            ["RESPONDER_CLUSTER_ENDPOINT"] = "https://kind-control-plane:6443",
            ["RESPONDER_CLUSTER_CA_FILE"] = "/tmp/ca.pem",
            ["RESPONDER_CLUSTER_TOKEN_FILE"] = "/tmp/token",
        });

        Assert.Equal(new Uri("https://kind-control-plane:6443"), config.Cluster.Endpoint);
        Assert.Equal("/tmp/ca.pem", config.Cluster.CaFile);
        Assert.Equal("/tmp/token", config.Cluster.TokenFile);
    }

    [Fact]
    public void Load_BadEndpointInEnvironment_IsAnError()
    {
        var error = Assert.Single(TestConfig.Load(null, new Dictionary<string, string> { ["RESPONDER_CLUSTER_ENDPOINT"] = "kind:6443" }).Errors);

        Assert.Equal(("RESPONDER_CLUSTER_ENDPOINT", "\"kind:6443\" is not an https:// URL"), (error.Path, error.Message));
    }

    [Fact]
    public void Load_Default_NotifiesTenGroupsPerInvocation() =>
        Assert.Equal(10, TestConfig.Default().Notifications.MaxMessages);
}
