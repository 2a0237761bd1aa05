using Responder.Harness.Lambda;

namespace Responder.Lambda.Tests;

/// <summary>
/// The published bootstrap with settings no one should give it: each is one init error with its reason (or, without a
/// Runtime API to tell, one init.failed log line), never a crash with a stack trace.
/// </summary>
[Collection(BootstrapCollection.Name)]
public sealed class InitProblemTests(PublishedBootstrap bootstrap)
{
    [Fact]
    public async Task Init_TomlNestedPastTheParsersDepth_IsAnInitError()
    {
        var config = Path.Combine(Path.GetTempPath(), $"responder-{Guid.NewGuid():N}.toml");
        await File.WriteAllTextAsync(config, "a = " + new string('[', 64) + new string(']', 64) + "\n");
        try
        {
            await using var run = await LambdaRun.StartAsync(bootstrap, environment: new() { ["RESPONDER_CONFIG"] = config });

            var error = await run.Api.InitError.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal("Responder.InvalidConfiguration", error.ErrorTypeHeader);
            Assert.Contains("The maximum depth of 64 has been exceeded", error.Json["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Empty(error.Json["stackTrace"]!.AsArray());
            Assert.Equal(1, await run.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_SNS", "::bad", "AWS_ENDPOINT_URL_SNS: \"::bad\" is not an http:// or https:// URL")]
    [InlineData("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE is \"lots\", not a number of megabytes")]
    public async Task Init_MalformedVariable_IsAnInitErrorNamingIt(string name, string value, string expected)
    {
        await using var run = await LambdaRun.StartAsync(bootstrap, environment: new() { [name] = value });

        var error = await run.Api.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Responder.InvalidConfiguration", error.ErrorTypeHeader);
        Assert.Contains(expected, error.Json["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RuntimeApiThatIsNotHostAndPort_LogsOneInitFailedLineAndExits()
    {
        using var process = BootstrapProcess.Start(bootstrap.Path, "::not a host::", new Dictionary<string, string> { ["_HANDLER"] = "respond" });

        Assert.Equal(1, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var line = Assert.Single(process.Logs);
        Assert.Equal("init.failed", line["event"]!.GetValue<string>());
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is \"::not a host::\", not host:port", line["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
