using System.Text.Json.Nodes;

namespace Responder.Lambda.Tests;

/// <summary>
/// The function says at start what `responder validate` would warn about: a configuration that trusts records
/// of unknown origin, or leaves kube-system unprotected, is in its log before any record is judged.
/// </summary>
[Collection(BootstrapCollection.Name)]
public sealed class ConfigWarningTests(PublishedBootstrap bootstrap)
{
    private const string GroupWarning =
        "records without shipper metadata from these log groups are trusted on their log group alone (unless their log stream names another container): only Falco must write there";

    private const string KubeSystemWarning = "kube-system is not protected: alerts there can lead to cluster actions";

    [Fact]
    public async Task Init_ConfigurationWarnings_AreLoggedOneLineEachWithTheirKey()
    {
        var config = await ConfigFileAsync("[policy]\nsystem_namespaces = [\"falco\"]\n");
        try
        {
            await using var run = await LambdaRun.StartAsync(bootstrap, environment: new()
            {
                ["RESPONDER_CONFIG"] = config,
                ["RESPONDER_TRUST_LOG_GROUPS"] = "/aws/falco/alerts",
            });

            await run.LogAsync("init.done");

            var warnings = Warnings(run);
            Assert.Equal(
                [
                    ("RESPONDER_TRUST_LOG_GROUPS", $"RESPONDER_TRUST_LOG_GROUPS: {GroupWarning}"),
                    ("policy.system_namespaces", $"policy.system_namespaces: {KubeSystemWarning}"),
                ],
                warnings.Select(w => (w["key"]!.GetValue<string>(), w["message"]!.GetValue<string>())).Order());
            Assert.All(warnings, w => Assert.Equal("WARN", w["level"]!.GetValue<string>()));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Init_BundledConfiguration_LogsNoWarning()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap);

        await run.LogAsync("init.done");

        Assert.Empty(Warnings(run));
    }

    [Fact]
    public async Task Init_InvalidConfiguration_StillLogsItsWarnings()
    {
        var config = await ConfigFileAsync("dry_rn = true\n[policy]\nsystem_namespaces = []\n");
        try
        {
            await using var run = await LambdaRun.StartAsync(bootstrap, environment: new() { ["RESPONDER_CONFIG"] = config });

            await run.LogAsync("init.failed");

            var warning = Assert.Single(Warnings(run));
            Assert.Equal("policy.system_namespaces", warning["key"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static List<JsonObject> Warnings(LambdaRun run) =>
        [.. run.Process.Logs.Where(l => l["event"]?.GetValue<string>() == "config.warning")];

    private static async Task<string> ConfigFileAsync(string toml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"responder-{Guid.NewGuid():N}.toml");
        await File.WriteAllTextAsync(path, toml);
        return path;
    }
}
