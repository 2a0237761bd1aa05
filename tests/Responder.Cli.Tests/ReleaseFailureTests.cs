using Responder.Harness.Kubernetes;
using Responder.Harness.Servers;

namespace Responder.Cli.Tests;

/// <summary>What goes wrong in a release: a failed target is reported and the others still released; usage errors touch nothing.</summary>
public sealed class ReleaseFailureTests
{
    [Fact]
    public async Task Release_UnknownNodeAndPod_AreReportedFailedAndTheOthersStillReleased()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddCordonedNode("n1");
        cluster.AddQuarantinedPod("shop", "web-1");
        cluster.AddQuarantinePolicy("shop");

        var run = await cluster.ReleaseAsync("--node", "ghost", "--node", "n1", "--pod", "shop/ghost", "--pod", "shop/web-1", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
        [
            "uncordon-node ghost failed",
            "untaint-node ghost failed",
            "uncordon-node n1 succeeded",
            "untaint-node n1 skipped",
            "unisolate-pod shop/ghost failed",
            "unisolate-pod shop/web-1 succeeded",
            "delete-quarantine-policy shop/falco-responder-quarantine succeeded",
        ], ReleaseCluster.Lines(run));
        Assert.Equal("not-found: node ghost does not exist", ReleaseCluster.Reason(run, "uncordon-node", "ghost"));
        Assert.Equal("not-found: pod shop/ghost does not exist", ReleaseCluster.Reason(run, "unisolate-pod", "shop/ghost"));
        Assert.False(cluster.Cluster.Node("n1").Unschedulable);
        Assert.False(cluster.Cluster.NetworkPolicyExists("shop", ReleaseCluster.Policy));
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Release_ServerErrorOrDroppedConnectionOnce_IsRetried()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddCordonedNode("n1");
        cluster.AddQuarantinedPod("shop", "web-1");
        cluster.Fake.Faults.Inject(FakeFault.InternalError(), "PATCH", "/api/v1/nodes/n1");
        cluster.Fake.Faults.Inject(FakeFault.ConnectionReset(), "GET", "/api/v1/namespaces/shop/pods/web-1");

        var run = await cluster.ReleaseAsync("--node", "n1", "--pod", "shop/web-1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["500", "200"], cluster.Fake.Requests.Where(r => r.Method == "PATCH" && r.Path == "/api/v1/nodes/n1").Select(r => $"{r.StatusCode}"));
        Assert.Equal([true, false], cluster.Fake.Requests.Where(r => r.Method == "GET" && r.Path == "/api/v1/namespaces/shop/pods/web-1").Select(r => r.ConnectionDropped));
        Assert.False(cluster.Cluster.Node("n1").Unschedulable);
        Assert.False(cluster.Cluster.Pod("shop", "web-1")!.Labels.ContainsKey(ReleaseCluster.Quarantine));
        Assert.Equal(0, cluster.Fake.Faults.Pending);
    }

    [Fact]
    public async Task Release_ForbiddenOnOneNode_FailsThatNodeOnly()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddCordonedNode("n1");
        cluster.AddCordonedNode("n2");
        cluster.Fake.Faults.Inject(
            FakeFault.WithStatus(403, "Forbidden", "nodes \"n1\" is forbidden: User \"oncall\" cannot get resource \"nodes\" in API group \"\" at the cluster scope"),
            "GET", "/api/v1/nodes/n1");

        var run = await cluster.ReleaseAsync("--node", "n1", "--node", "n2", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["uncordon-node n1 failed", "untaint-node n1 failed", "uncordon-node n2 succeeded", "untaint-node n2 skipped"], ReleaseCluster.Lines(run));
        Assert.Equal(
            "forbidden: nodes \"n1\" is forbidden: User \"oncall\" cannot get resource \"nodes\" in API group \"\" at the cluster scope",
            ReleaseCluster.Reason(run, "uncordon-node", "n1"));
        Assert.Single(cluster.Fake.Requests, r => r.Path == "/api/v1/nodes/n1");
        Assert.True(cluster.Cluster.Node("n1").Unschedulable);
        Assert.False(cluster.Cluster.Node("n2").Unschedulable);
    }

    [Fact]
    public async Task Release_WrongToken_FailsEveryTargetAsUnauthorized()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddCordonedNode("n1");
        await cluster.WriteTokenAsync("k8s-aws-v1.not-the-token");

        var run = await cluster.ReleaseAsync("--node", "n1", "--pod", "shop/web-1", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            ["uncordon-node n1 failed", "untaint-node n1 failed", "unisolate-pod shop/web-1 failed", "delete-quarantine-policy shop/falco-responder-quarantine* failed"],
            ReleaseCluster.Lines(run));
        Assert.All(run.Json["actions"]!.AsArray(), a => Assert.Equal("forbidden: Unauthorized", (string?)a!["reason"]));
        Assert.True(cluster.Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task Release_UnreachableCluster_FailsEverySearchAndTargetWithoutAStackTrace()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        using var closed = new ClosedPort();
        await cluster.WriteConfigAsync($"https://127.0.0.1:{closed.Port}");

        var run = await cluster.ReleaseAsync("--all", "--node", "n1", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["find nodes failed", "find pods failed", "find networkpolicies failed", "uncordon-node n1 failed", "untaint-node n1 failed"], ReleaseCluster.Lines(run));
        Assert.All(run.Json["actions"]!.AsArray(), a => Assert.StartsWith("cluster-unreachable: ", (string?)a!["reason"], StringComparison.Ordinal));
        Assert.Equal(string.Empty, run.Error);
        Assert.Empty(cluster.Fake.Requests);
    }

    [Theory]
    [InlineData(new string[0], "error: name what to release: --node NAME, --pod NAMESPACE/NAME, or --all")]
    [InlineData(new[] { "--pod", "web-1" }, "error: --pod web-1: expected NAMESPACE/NAME, both valid Kubernetes names")]
    [InlineData(new[] { "--pod", "shop/../etc" }, "error: --pod shop/../etc: expected NAMESPACE/NAME, both valid Kubernetes names")]
    [InlineData(new[] { "--node", "Node_1" }, "error: --node Node_1: not a valid node name")]
    public async Task Release_BadTargets_AreUsageErrorsAndReachNothing(string[] args, string message)
    {
        await using var cluster = await ReleaseCluster.StartAsync();

        var run = await cluster.ReleaseAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.Error.Trim());
        Assert.Empty(run.Output);
        Assert.Empty(cluster.Fake.Requests);
    }

    [Fact]
    public async Task Release_UnknownFormat_IsAUsageError()
    {
        await using var cluster = await ReleaseCluster.StartAsync();

        var run = await cluster.ReleaseAsync("--all", "--format", "yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("yaml", run.Error, StringComparison.Ordinal);
        Assert.Empty(cluster.Fake.Requests);
    }

    [Fact]
    public async Task Release_WithoutAClusterConfigured_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync("release", "--all");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "error: release needs the cluster: set cluster.name (RESPONDER_CLUSTER_NAME) for EKS, or cluster.endpoint (RESPONDER_CLUSTER_ENDPOINT) with cluster.ca_file and cluster.token_file",
            run.Error.Trim());
    }

    [Fact]
    public async Task Release_MissingTokenFile_IsAUsageError()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        var missing = Path.Combine(Path.GetTempPath(), $"no-token-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string> { ["RESPONDER_CLUSTER_TOKEN_FILE"] = missing };

        var run = await CliRun.InvokeAsync(["release", "--all", "--config", cluster.ConfigPath], environment: environment);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: cluster.token_file {missing}: no such file", run.Error.Trim());
        Assert.Empty(cluster.Fake.Requests);
    }
}
