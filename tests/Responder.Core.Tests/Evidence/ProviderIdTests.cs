using Responder.Core.Evidence;

namespace Responder.Core.Tests.Evidence;

public sealed class ProviderIdTests
{
    [Theory]
    [InlineData("aws:///eu-west-1a/i-0123456789abcdef0", "eu-west-1a", "i-0123456789abcdef0")]
    [InlineData("aws:///us-west-2-lax-1a/i-01234567", "us-west-2-lax-1a", "i-01234567")]
    public void TryParse_AnEc2Node_GivesZoneAndInstance(string providerId, string zone, string instance)
    {
        Assert.True(ProviderId.TryParse(providerId, out var z, out var i));
        Assert.Equal((zone, instance), (z, i));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("aws:///us-east-1b/fargate-ip-192-168-1-1.ec2.internal")]
    [InlineData("kind://docker/kind/kind-control-plane")]
    [InlineData("gce://project/zone/node")]
    [InlineData("aws:///eu-west-1a/i-0123456789ABCDEF0")]
    [InlineData("aws:///eu-west-1a/i-0123/extra")]
    [InlineData("aws:////i-0123456789abcdef0")]
    public void TryParse_NoEc2Instance_IsFalse(string? providerId)
    {
        Assert.False(ProviderId.TryParse(providerId, out _, out _));
    }

    [Theory]
    [InlineData("eu-west-1a", "eu-west-1", true)]
    [InlineData("us-west-2-lax-1a", "us-west-2", true)]
    [InlineData("eu-west-10a", "eu-west-1", false)]
    [InlineData("us-east-1a", "eu-west-1", false)]
    [InlineData("eu-west-1", "eu-west-1", false)]
    public void InRegion_TheZonesOwnRegionOnly(string zone, string region, bool inRegion)
    {
        Assert.Equal(inRegion, ProviderId.InRegion(zone, region));
    }
}
