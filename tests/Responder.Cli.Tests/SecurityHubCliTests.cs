using Responder.Harness;
using Responder.Harness.Kubernetes;
using Responder.Harness.Servers;
using Responder.TestSupport;

namespace Responder.Cli.Tests;

/// <summary>
/// Security Hub from the CLI: <c>respond --live</c> records findings (for the configured product, or the default product
/// of the credentials' account, found with STS), and <c>release</c> notes on the findings of what it undid.
/// </summary>
public sealed class SecurityHubCliTests : IAsyncLifetime
{
    private const string Product = "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default";
    private const string Finding = "falco-responder/prod/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private FakeSecurityHub _hub = null!;

    public async Task InitializeAsync()
    {
        // The AWS default credential chain reads the process environment.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFAUXQS");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "fauxqs-secret");
        _hub = await FakeSecurityHub.StartAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private Dictionary<string, string> Findings(string? product = Product) => new()
    {
        ["RESPONDER_SECURITYHUB"] = "true",
        ["RESPONDER_SECURITYHUB_PRODUCT_ARN"] = product ?? string.Empty,
        ["AWS_ENDPOINT_URL_SECURITYHUB"] = _hub.Endpoint.AbsoluteUri,
        ["AWS_REGION"] = "eu-west-1",
    };

    [Fact]
    public async Task Respond_LiveWithFindingsOnly_RecordsTheFindingAndKeepsTheDryRun()
    {
        var run = await CliRun.InvokeAsync(["respond", "--live", "--format", "json"], new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Fixtures.Alert("release-agent-escape"))), Findings());

        Assert.Equal(0, run.ExitCode);
        var actions = run.Json.Alerts()[0]!["actions"]!.AsArray();
        Assert.Equal(["label-pod:planned", "cordon-node:planned", "snapshot-node:planned", "delete-pod:planned", "notify:planned", "record-finding:succeeded"],
            actions.Select(a => $"{a!["action"]}:{a["status"]}"));
        var finding = _hub.Findings[actions[5]!["target"]!.GetValue<string>()];
        Assert.Equal(Product, finding["ProductArn"]!.GetValue<string>());
        Assert.Equal("true", finding["ProductFields"]!["falco-responder/dry-run"]!.GetValue<string>());
    }

    [Fact]
    public async Task Respond_LiveWithFindingsAndNoProduct_ImportsForTheDefaultProductOfTheCredentialsAccount()
    {
        await using var moto = await MotoServer.StartAsync();
        var environment = Findings(product: null);
        environment["AWS_ENDPOINT_URL_STS"] = moto.Endpoint.AbsoluteUri;

        var run = await CliRun.InvokeAsync(["respond", "--live", "--format", "json"], new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Fixtures.Alert("terminal-shell"))), environment);

        Assert.Equal(0, run.ExitCode);
        var finding = Assert.Single(_hub.Findings).Value;
        Assert.Equal(($"arn:aws:securityhub:eu-west-1:{MotoServer.Account}:product/{MotoServer.Account}/default", MotoServer.Account),
            (finding["ProductArn"]!.GetValue<string>(), finding["AwsAccountId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Release_PodAndNodeHeldForAFinding_NotesTheReleaseOnItOnce()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.Cluster.Add(new NodeBuilder("n1").Unschedulable().Annotation(ReleaseCluster.Cordoned, "2026-11-27T10:15:30.0000000+00:00 Terminal shell in container")
            .Annotation("falco-responder/finding-id", Finding));
        cluster.Cluster.Add(new PodBuilder("shop", "web-1").OnNode("n1").Label(ReleaseCluster.Quarantine, "true").Annotation("falco-responder/finding-id", Finding));
        _hub.Findings[Finding] = [];

        var run = await CliRun.InvokeAsync(["release", "--node", "n1", "--pod", "shop/web-1", "--format", "json", "--config", cluster.ConfigPath], environment: Findings());

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"note-finding {Finding} succeeded", ReleaseCluster.Lines(run));
        var note = Assert.Single(_hub.Updates)["Note"]!["Text"]!.GetValue<string>();
        Assert.Contains(": uncordon-node n1, unisolate-pod shop/web-1.", note, StringComparison.Ordinal);
        Assert.False(cluster.Cluster.Node("n1").Annotations.ContainsKey("falco-responder/finding-id"));
        Assert.Equal(Finding, cluster.Cluster.Pod("shop", "web-1")!.Annotations["falco-responder/finding-id"]);
    }

    [Fact]
    public async Task Release_DryRun_PlansTheNoteAndReachesNoSecurityHub()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.Cluster.Add(new PodBuilder("shop", "web-1").OnNode("n1").Label(ReleaseCluster.Quarantine, "true").Annotation("falco-responder/finding-id", Finding));

        var run = await CliRun.InvokeAsync(["release", "--pod", "shop/web-1", "--dry-run", "--format", "json", "--config", cluster.ConfigPath], environment: Findings());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["unisolate-pod shop/web-1 planned", $"note-finding {Finding} planned"], ReleaseCluster.Lines(run));
        Assert.Empty(_hub.Requests);
    }

    [Fact]
    public async Task Release_NoteRefused_ReleaseStandsAndTheExitCodeSaysSomethingFailed()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.Cluster.Add(new PodBuilder("shop", "web-1").OnNode("n1").Label(ReleaseCluster.Quarantine, "true").Annotation("falco-responder/finding-id", Finding));
        _hub.FailNext((403, "AccessDeniedException", "not authorized to perform: securityhub:BatchUpdateFindings"));

        var run = await CliRun.InvokeAsync(["release", "--pod", "shop/web-1", "--format", "json", "--config", cluster.ConfigPath], environment: Findings());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["unisolate-pod shop/web-1 succeeded", $"note-finding {Finding} failed"], ReleaseCluster.Lines(run));
        Assert.False(cluster.Cluster.Pod("shop", "web-1")!.Labels.ContainsKey(ReleaseCluster.Quarantine));
    }
}
