using Responder.Harness;

namespace Responder.Core.Tests.Config;

/// <summary>
/// The log group and stream allow-lists trust records without shipper metadata on where they were
/// written alone: the deploy-time variable adds to them, and every configuration that has them says so.
/// </summary>
public sealed class TrustAllowListConfigTests
{
    // The name the template and docs/configuration.md give the variable.
    private const string Variable = "RESPONDER_TRUST_LOG_GROUPS";

    private const string GroupWarning =
        "records without shipper metadata from these log groups are trusted on their log group alone (unless their log stream names another container): only Falco must write there";

    [Fact]
    public void Load_TrustLogGroupsVariable_IsAddedToTheFileList()
    {
        var config = TestConfig.From("[trust]\nlog_groups = [\"/aws/falco/a\"]", Env(" /aws/falco/b , /aws/sidekick/* ,"));

        Assert.Equal(["/aws/falco/a", "/aws/falco/b", "/aws/sidekick/*"], config.Trust.LogGroups.Select(p => p.Pattern));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Load_EmptyTrustLogGroupsVariable_CountsAsUnset(string value)
    {
        var result = TestConfig.Load(null, Env(value));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Config!.Trust.LogGroups);
    }

    [Fact]
    public void Load_TrustLogGroupsVariable_IsCheckedLikeTheFile()
    {
        var result = TestConfig.Load(null, Env("/aws/falco,/aws/eks/prod:cluster"));

        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        Assert.Equal((Variable, "\"/aws/eks/prod:cluster\" is not a log group name or glob"), (error.Path, error.Message));
    }

    [Fact]
    public void Load_TrustLogGroupsVariable_WarnsThatItsGroupsAreTrustedOnTheGroupAlone()
    {
        var result = TestConfig.Load(null, Env("/aws/falco/alerts"));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal((Variable, GroupWarning), (warning.Path, warning.Message));
    }

    [Fact]
    public void Load_AllowListsInTheFile_WarnThatTheyTrustRecordsOfUnknownOrigin()
    {
        var result = TestConfig.Load("[trust]\nlog_groups = [\"/aws/falco/alerts\"]\nlog_streams = [\"falcosidekick\"]");

        Assert.Equal(
            [
                ("trust.log_groups", GroupWarning),
                ("trust.log_streams", "records without shipper metadata from these log streams are trusted on their log stream alone (unless it names another container): only Falco must write there"),
            ],
            result.Warnings.Select(w => (w.Path, w.Message)));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("**")]
    [InlineData("?*")]
    public void Load_LogGroupPatternMatchingEveryGroup_WarnsThatAnyRecordWithoutMetadataIsTrusted(string pattern)
    {
        var result = TestConfig.Load($"[trust]\nlog_groups = [\"/aws/falco/alerts\", \"{pattern}\"]");

        Assert.Contains(result.Warnings, w => w.Path == "trust.log_groups[1]" && w.Message ==
            $"\"{pattern}\" matches every log group: any record without shipper metadata is trusted as Falco's, whoever wrote it (unless its log stream names another container)");
    }

    [Fact]
    public void Load_LogStreamPatternMatchingEveryStream_WarnsThatAnyRecordWithoutMetadataIsTrusted()
    {
        var result = TestConfig.Load("[trust]\nlog_streams = [\"*\"]");

        Assert.Contains(result.Warnings, w => w.Path == "trust.log_streams[0]" && w.Message.StartsWith("\"*\" matches every log stream: any record", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TrustLogGroupsVariableMatchingEveryGroup_WarnsAtTheVariable()
    {
        var result = TestConfig.Load(null, Env("*"));

        Assert.Contains(result.Warnings, w => w.Path == Variable && w.Message.StartsWith("\"*\" matches every log group", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NarrowPatterns_GiveOnlyTheAllowListWarning()
    {
        var result = TestConfig.Load("[trust]\nlog_groups = [\"/aws/*/alerts\", \"/falco?\"]");

        Assert.Equal([("trust.log_groups", GroupWarning)], result.Warnings.Select(w => (w.Path, w.Message)));
    }

    private static Dictionary<string, string> Env(string value) => new() { [Variable] = value };
}
