namespace Responder.Cli.Tests;

/// <summary>
/// Every configuration or environment problem is one clear line per problem and exit 2, whatever the value: never a
/// stack trace, whichever command reads the configuration.
/// </summary>
public sealed class BadSettingTests
{
    public static TheoryData<string> Commands => new() { "validate", "respond", "explain" };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task TomlNestedPastTheParsersDepth_IsOneErrorLine(string command)
    {
        var path = Temp("a = " + new string('[', 64) + new string(']', 64));

        var run = await CliRun.InvokeAsync([command, "--config", path], stdin: "{}");

        Assert.Equal(2, run.ExitCode);
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("maximum depth", StringComparison.Ordinal));
        Assert.StartsWith($"error: {path}", error, StringComparison.Ordinal);
        Assert.Contains("The maximum depth of 64 has been exceeded", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_SNS", "::bad", "AWS_ENDPOINT_URL_SNS: \"::bad\" is not an http:// or https:// URL")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://example.com", "AWS_ENDPOINT_URL: \"ftp://example.com\" is not an http:// or https:// URL")]
    [InlineData("AWS_DEFAULT_REGION", "moon-1", "AWS_DEFAULT_REGION: \"moon-1\" is not an AWS region")]
    [InlineData("RESPONDER_SNS_TOPIC_ARN", "arn:aws:sqs:eu-west-1:123456789012:q", "RESPONDER_SNS_TOPIC_ARN: \"arn:aws:sqs:eu-west-1:123456789012:q\" is not an SNS topic ARN")]
    [InlineData("RESPONDER_DRY_RUN", "yes", "RESPONDER_DRY_RUN: expected true or false, got \"yes\"")]
    [InlineData("RESPONDER_CLUSTER_ENDPOINT", "http://10.0.0.1", "RESPONDER_CLUSTER_ENDPOINT: \"http://10.0.0.1\" is not an https:// URL")]
    [InlineData("RESPONDER_PROTECTED_NAMESPACES", "payments,Kube_System", "RESPONDER_PROTECTED_NAMESPACES: \"Kube_System\" is not a namespace name or glob")]
    [InlineData("RESPONDER_CLUSTER_TOKEN_FILE", "/var/run/token\n/etc/passwd", "RESPONDER_CLUSTER_TOKEN_FILE: \"/var/run/token\\n/etc/passwd\" is not a file path")]
    public async Task MalformedVariable_IsOneErrorLineNamingIt(string name, string value, string expected)
    {
        var run = await CliRun.InvokeAsync(["validate"], stdin: (Stream?)null, new Dictionary<string, string> { [name] = value });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {expected}\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigPathThatCannotBeAPath_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync(["validate"], stdin: (Stream?)null, new Dictionary<string, string> { ["RESPONDER_CONFIG"] = "bad\0path.toml" });

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: cannot read configuration bad?path.toml: ", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Temp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"responder-{Guid.NewGuid():N}.toml");
        File.WriteAllText(path, text);
        return path;
    }
}
