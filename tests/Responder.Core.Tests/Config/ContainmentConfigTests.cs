using Responder.Core.Config;
using Responder.Harness;

namespace Responder.Core.Tests.Config;

public sealed class ContainmentConfigTests
{
    [Fact]
    public void Load_Default_IsTheDocumentedContainment()
    {
        var containment = TestConfig.Default().Containment;

        Assert.Equal(8, containment.Concurrency);
        Assert.True(containment.SkipDaemonSetPods);
        Assert.False(containment.SkipStatefulSetPods);
        Assert.False(containment.SkipStandalonePods);
        Assert.Equal(new ReplicaMinimum(0, false), containment.MinHealthyReplicas);
        Assert.Equal(["node-role.kubernetes.io/control-plane"], containment.ProtectedNodeLabels);
        Assert.Equal(0.3, containment.MaxCordonedShare);
    }

    [Theory]
    [InlineData("2", 5, 2)]
    [InlineData("50%", 5, 3)]
    [InlineData("50%", 4, 2)]
    [InlineData("100%", 3, 3)]
    [InlineData("0", 3, 0)]
    public void ReplicaMinimum_CountOrPercentage_RoundsUpLikeKubernetes(string text, int desired, int required)
    {
        Assert.True(ReplicaMinimum.TryParse(text, out var minimum));

        Assert.Equal(required, minimum.Of(desired));
    }

    [Theory]
    [InlineData("[containment]\nmin_healthy_replicas = \"half\"", "containment.min_healthy_replicas", "\"half\" is not a count (\"2\") or a percentage (\"50%\")")]
    [InlineData("[containment]\nmin_healthy_replicas = \"150%\"", "containment.min_healthy_replicas", "\"150%\" is not a count (\"2\") or a percentage (\"50%\")")]
    [InlineData("[containment]\nmax_cordoned_share = \"3\"", "containment.max_cordoned_share", "\"3\" is not a percentage (\"30%\")")]
    [InlineData("[containment]\nconcurrency = 0", "containment.concurrency", "must be between 1 and 64, got 0")]
    [InlineData("[containment]\nprotected_node_labels = [\"a=b=c\"]", "containment.protected_node_labels[0]", "\"a=b=c\" is not a label selector (\"key\" or \"key=value\")")]
    [InlineData("[containment]\nprotected_node_labels = [\"bad key\"]", "containment.protected_node_labels[0]", "\"bad key\" is not a label selector (\"key\" or \"key=value\")")]
    public void Load_BadContainmentSetting_IsAnError(string toml, string path, string message)
    {
        var error = Assert.Single(TestConfig.Load(toml).Errors);

        Assert.Equal((path, message), (error.Path, error.Message));
    }
}
