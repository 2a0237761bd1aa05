using Responder.Core.Drill;
using Responder.Harness;

namespace Responder.Core.Tests.Trust;

public sealed class TrustConfigTests
{
    [Fact]
    public void Load_Default_TrustsTheFalcoHelmChartPod()
    {
        var trust = TestConfig.Default().Trust;

        Assert.Equal(["falco"], trust.Namespaces.Select(p => p.Pattern));
        Assert.Equal(["falco"], trust.Containers.Select(p => p.Pattern));
        Assert.Equal(["app.kubernetes.io/name=falco"], trust.Labels.Select(l => l.ToString()));
        Assert.Empty(trust.LogGroups);
        Assert.Empty(trust.LogStreams);
        Assert.Equal(DrillRequest.DefaultMarker, trust.DrillMarker);
    }

    [Theory]
    [InlineData("namespaces = []", "trust.namespaces", "must list at least one entry ([\"*\"] accepts any)")]
    [InlineData("namespaces = [\"Falco NS\"]", "trust.namespaces[0]", "\"Falco NS\" is not a namespace name or glob")]
    [InlineData("containers = []", "trust.containers", "must list at least one entry ([\"*\"] accepts any)")]
    [InlineData("containers = [\"falco\", \"a/b\"]", "trust.containers[1]", "\"a/b\" is not a container name or glob")]
    [InlineData("labels = [\"a=b=c\"]", "trust.labels[0]", "\"a=b=c\" is not a label (\"key\" or \"key=value\")")]
    [InlineData("labels = [\"app=\\\"x\\\"\"]", "trust.labels[0]", "\"app=\"x\"\" is not a label (\"key\" or \"key=value\")")]
    [InlineData("log_groups = [\"/aws/eks/prod:cluster\"]", "trust.log_groups[0]", "\"/aws/eks/prod:cluster\" is not a log group name or glob")]
    [InlineData("log_streams = [\"\"]", "trust.log_streams[0]", "\"\" is not a log stream name or glob")]
    [InlineData("log_streams = [\"a:b\"]", "trust.log_streams[0]", "\"a:b\" is not a log stream name or glob")]
    [InlineData("drill_marker = \"  \"", "trust.drill_marker", "must be 1 to 256 printable characters, not blank")]
    [InlineData("drill_marker = 7", "trust.drill_marker", "expected a string, got an integer 7")]
    [InlineData("namespace = [\"falco\"]", "trust.namespace", "unknown key (did you mean \"namespaces\"?)")]
    public void Load_BadTrustSetting_IsAnErrorAtItsPath(string setting, string path, string message)
    {
        var error = Assert.Single(TestConfig.Load($"[trust]\n{setting}").Errors);

        Assert.Equal((path, message), (error.Path, error.Message));
    }

    [Fact]
    public void Load_EveryTrustKey_IsBound()
    {
        var toml = "[trust]\nnamespaces = [\"security\"]\ncontainers = [\"falco*\"]\nlabels = [\"app\"]\n" +
            "log_groups = [\"/aws/containerinsights/*/application\"]\nlog_streams = [\"*_security_falco-*\"]\ndrill_marker = \"game-day\"";

        var trust = TestConfig.From(toml).Trust;

        Assert.Equal(["security"], trust.Namespaces.Select(p => p.Pattern));
        Assert.Equal(["falco*"], trust.Containers.Select(p => p.Pattern));
        Assert.Equal(("app", (string?)null), (trust.Labels[0].Key, trust.Labels[0].Value));
        Assert.Equal(["/aws/containerinsights/*/application"], trust.LogGroups.Select(p => p.Pattern));
        Assert.Equal(["*_security_falco-*"], trust.LogStreams.Select(p => p.Pattern));
        Assert.Equal("game-day", trust.DrillMarker);
    }
}
