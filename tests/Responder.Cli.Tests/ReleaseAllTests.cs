using Responder.Harness.Kubernetes;

namespace Responder.Cli.Tests;

/// <summary><c>responder release --all</c> and <c>--dry-run</c>: everything the responder holds is found, and a dry run writes nothing.</summary>
public sealed class ReleaseAllTests
{
    private static async Task<ReleaseCluster> HeldAsync()
    {
        var cluster = await ReleaseCluster.StartAsync();
        cluster.AddCordonedNode("a");
        cluster.Cluster.Add(new NodeBuilder("b").Taint("falco-responder/compromised", "true", "NoSchedule"));
        cluster.Cluster.Add(new NodeBuilder("c").Unschedulable());
        cluster.Cluster.AddNodes("d");
        cluster.AddQuarantinedPod("shop", "web-1");
        cluster.Cluster.AddBarePod("shop", "web-2", "d");
        cluster.AddQuarantinedPod("billing", "api-1");
        cluster.AddQuarantinePolicy("shop");
        cluster.AddQuarantinePolicy("billing");
        // Isolated, then deleted by the same alert: the policy outlives its pod.
        cluster.AddQuarantinePolicy("old");
        cluster.Cluster.AddNetworkPolicy("shop", "deny-all", "app", "web");
        return cluster;
    }

    private static readonly string[] AllReleased =
    [
        "uncordon-node a succeeded",
        "untaint-node a skipped",
        "uncordon-node b skipped",
        "untaint-node b succeeded",
        "unisolate-pod billing/api-1 succeeded",
        "unisolate-pod shop/web-1 succeeded",
        "delete-quarantine-policy billing/falco-responder-quarantine succeeded",
        "delete-quarantine-policy shop/falco-responder-quarantine succeeded",
        "delete-quarantine-policy old/falco-responder-quarantine succeeded",
    ];

    [Fact]
    public async Task Release_All_FindsAndReleasesEverythingTheResponderHolds()
    {
        await using var cluster = await HeldAsync();

        var run = await cluster.ReleaseAsync("--all", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(AllReleased, ReleaseCluster.Lines(run));
        var searches = cluster.Fake.Requests.Where(r => r.Method == "GET" && r.Path is "/api/v1/nodes" or "/api/v1/pods" or "/apis/networking.k8s.io/v1/networkpolicies");
        Assert.Equal(
            ["/api/v1/nodes ", "/api/v1/pods falco-responder/quarantine=true", "/apis/networking.k8s.io/v1/networkpolicies falco-responder/flagged=true"],
            searches.Select(r => $"{r.Path} {r.QueryValue("labelSelector")}").Order(StringComparer.Ordinal));
        Assert.False(cluster.Cluster.Node("a").Unschedulable);
        Assert.Empty(cluster.Cluster.Node("b").Taints);
        Assert.True(cluster.Cluster.Node("c").Unschedulable);
        Assert.DoesNotContain(cluster.Fake.Requests, r => r.Path.EndsWith("/nodes/c", StringComparison.Ordinal) || r.Path.EndsWith("/nodes/d", StringComparison.Ordinal));
        Assert.DoesNotContain(cluster.Cluster.Pods(), p => p.Labels.ContainsKey(ReleaseCluster.Quarantine));
        Assert.All(new[] { "shop", "billing", "old" }, ns => Assert.False(cluster.Cluster.NetworkPolicyExists(ns, ReleaseCluster.Policy)));
        Assert.True(cluster.Cluster.NetworkPolicyExists("shop", "deny-all"));

        var again = await cluster.ReleaseAsync("--all");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to release: the responder holds nothing in the cluster", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_AllDryRun_WritesNothingAndPlansWhatARealRunDoes()
    {
        await using var cluster = await HeldAsync();
        var before = cluster.Cluster.ResourceVersion;

        var run = await cluster.ReleaseAsync("--all", "--dry-run", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(cluster.Writes);
        Assert.Equal(before, cluster.Cluster.ResourceVersion);
        Assert.Equal(AllReleased.Select(l => l.Replace(" succeeded", " planned", StringComparison.Ordinal)), ReleaseCluster.Lines(run));
        Assert.True(run.Json["dryRun"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Release_DryRunOfOnePodOfTwo_PlansTheLabelAndKeepsThePolicy()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddQuarantinedPod("shop", "web-1");
        cluster.AddQuarantinedPod("shop", "web-2");
        cluster.AddQuarantinePolicy("shop");

        var run = await cluster.ReleaseAsync("--pod", "shop/web-1", "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(cluster.Writes);
        Assert.True(cluster.Cluster.Pod("shop", "web-1")!.Labels.ContainsKey(ReleaseCluster.Quarantine));
        var lines = run.Output.Split('\n');
        Assert.StartsWith("unisolate-pod            shop/web-1", lines[0], StringComparison.Ordinal);
        Assert.Matches(@" planned +quarantine label falco-responder/quarantine=true$", lines[0]);
        Assert.StartsWith("delete-quarantine-policy shop/falco-responder-quarantine", lines[1], StringComparison.Ordinal);
        Assert.Matches(@" skipped +in-use: 1 pod\(s\) still quarantined: web-2$", lines[1]);
        Assert.Contains("release: 2 step(s), planned 1, skipped 1", run.Output, StringComparison.Ordinal);
        Assert.Contains("dry run: nothing was changed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_JsonReport_HasTheRespondReportShape()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddCordonedNode("n1");

        var run = await cluster.ReleaseAsync("--node", "n1", "--node", "ghost", "--format", "json");

        var report = run.Json;
        Assert.Equal(["dryRun", "actions", "summary"], report.Select(p => p.Key));
        Assert.Equal(["action", "target", "status", "reason"], report["actions"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal("""{"actions":{"uncordon-node":2,"untaint-node":2},"statuses":{"planned":0,"succeeded":1,"skipped":1,"failed":2}}""", report["summary"]!.ToJsonString());
        Assert.EndsWith("}\n", run.Output, StringComparison.Ordinal);
    }
}
