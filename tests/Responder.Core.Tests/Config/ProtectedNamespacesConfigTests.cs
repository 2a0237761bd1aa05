using Responder.Core.Config;
using Responder.Harness;

namespace Responder.Core.Tests.Config;

/// <summary>
/// kube-system and falco are protected by a setting of their own: the user's protected namespaces, from
/// the file or the deployment, add to them and never take them away.
/// </summary>
public sealed class ProtectedNamespacesConfigTests
{
    private const string KubeSystemWarning = "kube-system is not protected: alerts there can lead to cluster actions";

    [Fact]
    public void Load_Default_ProtectsTheSystemNamespacesAndNoOthers()
    {
        var result = TestConfig.Load(null);

        Assert.Equal(["kube-system", "falco"], Protected(result));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Load_ProtectedNamespacesInTheFile_AreAddedToTheSystemOnes()
    {
        var result = TestConfig.Load("[policy]\nprotected_namespaces = [\"payments\", \"falco\"]");

        Assert.Equal(["kube-system", "falco", "payments"], Protected(result));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Load_ProtectedNamespacesVariable_AddsToTheProtectedOnes()
    {
        var result = TestConfig.Load("[policy]\nprotected_namespaces = [\"payments\"]", Env(" shop , dev-* ,"));

        Assert.Equal(["kube-system", "falco", "payments", "shop", "dev-*"], Protected(result));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Load_SystemNamespacesWrittenWithoutKubeSystem_WarnsAtThatKey()
    {
        var result = TestConfig.Load("[policy]\nsystem_namespaces = [\"falco\"]", Env("payments"));

        Assert.Equal(["falco", "payments"], Protected(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("policy.system_namespaces", KubeSystemWarning), (warning.Path, warning.Message));
    }

    [Theory]
    [InlineData("system_namespaces = []\nprotected_namespaces = [\"kube-system\"]")]
    [InlineData("system_namespaces = [\"kube-*\"]")]
    public void Load_KubeSystemProtectedAnotherWay_DoesNotWarn(string setting)
    {
        var result = TestConfig.Load($"[policy]\n{setting}");

        Assert.True(result.IsValid);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Load_BadSystemNamespace_IsAnErrorAtItsPath()
    {
        var error = Assert.Single(TestConfig.Load("[policy]\nsystem_namespaces = [\"kube-system\", \"Kube System\"]").Errors);

        Assert.Equal(("policy.system_namespaces[1]", "\"Kube System\" is not a namespace name or glob"), (error.Path, error.Message));
    }

    private static string[] Protected(ConfigResult result) => [.. result.Config!.Policy.ProtectedNamespaces.Select(p => p.Pattern)];

    private static Dictionary<string, string> Env(string value) => new() { ["RESPONDER_PROTECTED_NAMESPACES"] = value };
}
