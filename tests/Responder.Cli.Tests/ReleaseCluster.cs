using System.Text.Json.Nodes;
using Responder.Harness.Kubernetes;

namespace Responder.Cli.Tests;

/// <summary>
/// The fake API server and a configuration that reaches it the way an operator's does (cluster.endpoint,
/// ca_file, token_file), to run <c>responder release</c> against.
/// </summary>
internal sealed class ReleaseCluster : IAsyncDisposable
{
    public const string Quarantine = "falco-responder/quarantine";
    public const string Policy = "falco-responder-quarantine";
    public const string Cordoned = "falco-responder/cordoned";

    private readonly string _directory;

    private ReleaseCluster(FakeApiServer fake, string directory)
    {
        Fake = fake;
        _directory = directory;
    }

    public FakeApiServer Fake { get; }

    public ClusterState Cluster => Fake.Cluster;

    public string ConfigPath => Path.Combine(_directory, "responder.toml");

    /// <summary>Requests that change something: anything but GET.</summary>
    public IReadOnlyList<RecordedRequest> Writes => [.. Fake.Requests.Where(r => r.Method != "GET")];

    /// <param name="policy">TOML laid after the [cluster] table: policy rules naming other taints or quarantine labels.</param>
    public static async Task<ReleaseCluster> StartAsync(string policy = "")
    {
        var fake = await FakeApiServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("release-").FullName;
        var cluster = new ReleaseCluster(fake, directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "ca.pem"), fake.AuthorityPem);
        await File.WriteAllTextAsync(Path.Combine(directory, "token"), fake.Token + "\n");
        await cluster.WriteConfigAsync(fake.Host, policy);
        return cluster;
    }

    public async Task WriteConfigAsync(string endpoint, string policy = "") => await File.WriteAllTextAsync(ConfigPath, $"""
        [cluster]
        endpoint = "{endpoint}"
        ca_file = "{Path.Combine(_directory, "ca.pem")}"
        token_file = "{Path.Combine(_directory, "token")}"
        {policy}
        """);

    public Task WriteTokenAsync(string token) => File.WriteAllTextAsync(Path.Combine(_directory, "token"), token);

    public Task<CliRun> ReleaseAsync(params string[] args) => CliRun.InvokeAsync(["release", .. args, "--config", ConfigPath]);

    /// <summary>A node the responder cordoned, as cordon-node leaves it.</summary>
    public NodeSnapshot AddCordonedNode(string name) =>
        Cluster.Add(new NodeBuilder(name).Unschedulable().Annotation(Cordoned, "2026-11-27T10:15:30.0000000+00:00 Terminal shell in container"));

    /// <summary>A pod as label-pod and isolate-pod leave it: evidence labels and annotations, and the quarantine label.</summary>
    public PodSnapshot AddQuarantinedPod(string ns, string name, string quarantineKey = Quarantine, string quarantineValue = "true") =>
        Cluster.Add(new PodBuilder(ns, name).OnNode("n1").Label("app", "web")
            .Label("falco-responder/flagged", "true").Label("falco-responder/severity", "critical").Label("falco-responder/rule", "Terminal_shell_in_container")
            .Annotation("falco-responder/rule", "Terminal shell in container")
            .Label(quarantineKey, quarantineValue));

    /// <summary>The namespace's quarantine policy as isolate-pod creates it.</summary>
    public ObjectSnapshot AddQuarantinePolicy(string ns, string key = Quarantine, string value = "true") =>
        Cluster.Add(new NetworkPolicyBuilder(ns, Policy).Label("falco-responder/flagged", "true").SelectsPods(key, value).Build());

    /// <summary>The report's lines as "action target status".</summary>
    public static IEnumerable<string> Lines(CliRun run) =>
        run.Json["actions"]!.AsArray().Select(a => $"{a!["action"]} {a["target"]} {a["status"]}");

    public static string? Reason(CliRun run, string action, string target) =>
        run.Json["actions"]!.AsArray().Single(a => (string?)a!["action"] == action && (string?)a["target"] == target)!["reason"]?.GetValue<string>();

    public static JsonNode? Body(RecordedRequest request) => JsonNode.Parse(request.Body);

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
