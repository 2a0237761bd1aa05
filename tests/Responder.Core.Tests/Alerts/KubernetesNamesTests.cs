using Responder.Core.Alerts;

namespace Responder.Core.Tests.Alerts;

public sealed class KubernetesNamesTests
{
    [Theory]
    [InlineData("api-7d9f8b6c5d-x2k4q")]
    [InlineData("ip-10-0-1-23.eu-west-1.compute.internal")]
    [InlineData("trainer-0")]
    [InlineData("a")]
    public void IsSubdomain_ValidName_IsTrue(string name) => Assert.True(KubernetesNames.IsSubdomain(name));

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("UPPER")]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a b")]
    [InlineData("pod_name")]
    [InlineData("pöd")]
    public void IsSubdomain_InvalidName_IsFalse(string name) => Assert.False(KubernetesNames.IsSubdomain(name));

    [Fact]
    public void IsSubdomain_Length_IsBoundedAt253()
    {
        var label = new string('a', 63);
        var longest = string.Join('.', label, label, label, new string('b', 61));

        Assert.Equal(253, longest.Length);
        Assert.True(KubernetesNames.IsSubdomain(longest));
        Assert.False(KubernetesNames.IsSubdomain(longest + "b"));
        Assert.False(KubernetesNames.IsSubdomain(new string('a', 300)));
        Assert.False(KubernetesNames.IsSubdomain(new string('a', 64)));
    }

    [Theory]
    [InlineData("payments", true)]
    [InlineData("kube-system", true)]
    [InlineData("a.b", false)]
    [InlineData("Payments", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("", false)]
    public void IsLabel_Name_IsCheckedAsDns1123Label(string name, bool valid) =>
        Assert.Equal(valid, KubernetesNames.IsLabel(name));

    [Fact]
    public void IsLabel_Length_IsBoundedAt63()
    {
        Assert.True(KubernetesNames.IsLabel(new string('a', 63)));
        Assert.False(KubernetesNames.IsLabel(new string('a', 64)));
    }
}
