using Responder.TestSupport;

namespace Responder.Cli.Tests;

/// <summary>The deployment's protected namespaces through the real CLI: they add to kube-system and falco, never replace them.</summary>
public sealed class ProtectedNamespacesTests
{
    [Theory]
    [InlineData("kube-system")]
    [InlineData("falco")]
    [InlineData("payments")]
    public async Task Respond_ProtectedNamespacesVariable_ProtectsItsOwnAndStillTheSystemNamespaces(string ns)
    {
        var drill = await CliRun.InvokeAsync("drill", "--namespace", ns);

        var run = await CliRun.InvokeAsync(["respond", "--format", "json"], drill.Output, new Dictionary<string, string> { ["RESPONDER_PROTECTED_NAMESPACES"] = "payments" });

        var actions = Assert.Single(run.Json.Alerts())!["actions"]!.AsArray().Where(a => a!["action"]!.GetValue<string>() != "notify").ToList();
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Equal(("skipped", $"protected-namespace: {ns} is protected"), (a!["status"]!.GetValue<string>(), a["reason"]!.GetValue<string>())));
    }
}
