namespace Responder.Cli.Tests;

/// <summary>What `responder validate` says about records that carry no evidence of who wrote them.</summary>
public sealed class ValidateTrustTests
{
    [Fact]
    public async Task Validate_BuiltInDefault_TrustsRecordsWithoutMetadataOnlyOnTheirStreamName()
    {
        var run = await CliRun.InvokeAsync("validate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  records without shipper metadata: trusted only when their log stream is named after the Falco container's log file", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TrustLogGroupsVariable_WarnsAndNamesTheGroupsTrustedAlone()
    {
        var run = await CliRun.InvokeAsync(["validate"], stdin: (Stream?)null, new Dictionary<string, string> { ["RESPONDER_TRUST_LOG_GROUPS"] = "/aws/falco/alerts" });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "warning: RESPONDER_TRUST_LOG_GROUPS: records without shipper metadata from these log groups are trusted on their log group alone",
            run.Error, StringComparison.Ordinal);
        Assert.Contains("  records without shipper metadata: also trusted from log groups /aws/falco/alerts", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AllowListMatchingEverything_WarnsThatAnyRecordIsTrusted()
    {
        var config = Path.Combine(Path.GetTempPath(), $"responder-{Guid.NewGuid():N}.toml");
        File.WriteAllText(config, "[trust]\nlog_streams = [\"*\"]\n");
        try
        {
            var run = await CliRun.InvokeAsync("validate", "--config", config);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("warning: trust.log_streams[0]: \"*\" matches every log stream: any record without shipper metadata is trusted", run.Error, StringComparison.Ordinal);
            Assert.Contains("  records without shipper metadata: also trusted from log streams *", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
