using System.Text.Json.Nodes;
using Responder.Harness.Kubernetes;

namespace Responder.Cli.Tests;

/// <summary><c>responder release --pod</c>: quarantine labels removed, evidence kept, the namespace's policy removed with its last pod.</summary>
public sealed class ReleasePodTests
{
    [Fact]
    public async Task Release_OnlyQuarantinedPodOfItsNamespace_LosesTheLabelKeepsTheEvidenceAndThePolicyGoes()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddQuarantinedPod("shop", "web-1");
        var policy = cluster.AddQuarantinePolicy("shop");

        var run = await cluster.ReleaseAsync("--pod", "shop/web-1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            "GET /api/v1/namespaces/shop/pods/web-1",
            "PATCH /api/v1/namespaces/shop/pods/web-1",
            "GET /apis/networking.k8s.io/v1/namespaces/shop/networkpolicies?watch=false",
            "GET /api/v1/namespaces/shop/pods?labelSelector=falco-responder%2Fquarantine%3Dtrue&watch=false",
            "DELETE /apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/falco-responder-quarantine",
            "GET /api/v1/namespaces/shop/pods?labelSelector=falco-responder%2Fquarantine%3Dtrue&watch=false",
        ], cluster.Fake.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        var patch = cluster.Writes[0];
        Assert.Equal("application/merge-patch+json", patch.MediaType);
        Assert.Equal("""{"metadata":{"labels":{"falco-responder/quarantine":null}}}""", patch.Body);
        Assert.Equal(policy.Uid, (string?)ReleaseCluster.Body(cluster.Writes[1])!["preconditions"]!["uid"]);

        var pod = cluster.Cluster.Pod("shop", "web-1")!;
        Assert.False(pod.Labels.ContainsKey(ReleaseCluster.Quarantine));
        Assert.Equal("true", pod.Labels["falco-responder/flagged"]);
        Assert.Equal("Terminal_shell_in_container", pod.Labels["falco-responder/rule"]);
        Assert.Equal("Terminal shell in container", pod.Annotations["falco-responder/rule"]);
        Assert.False(cluster.Cluster.NetworkPolicyExists("shop", ReleaseCluster.Policy));
        Assert.Equal(["unisolate-pod shop/web-1 succeeded", "delete-quarantine-policy shop/falco-responder-quarantine succeeded"], ReleaseCluster.Lines(run));
        Assert.Equal("quarantine label falco-responder/quarantine=true", ReleaseCluster.Reason(run, "unisolate-pod", "shop/web-1"));
    }

    [Fact]
    public async Task Release_OneOfTwoQuarantinedPods_KeepsThePolicyUntilTheLastIsReleased()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddQuarantinedPod("shop", "web-1");
        cluster.AddQuarantinedPod("shop", "web-2");
        cluster.AddQuarantinePolicy("shop");

        var first = await cluster.ReleaseAsync("--pod", "shop/web-1", "--format", "json");

        Assert.Equal(0, first.ExitCode);
        Assert.True(cluster.Cluster.NetworkPolicyExists("shop", ReleaseCluster.Policy));
        Assert.DoesNotContain(cluster.Fake.Requests, r => r.Method == "DELETE");
        Assert.Equal(["unisolate-pod shop/web-1 succeeded", "delete-quarantine-policy shop/falco-responder-quarantine skipped"], ReleaseCluster.Lines(first));
        Assert.Equal("in-use: 1 pod(s) still quarantined: web-2", ReleaseCluster.Reason(first, "delete-quarantine-policy", "shop/falco-responder-quarantine"));

        var second = await cluster.ReleaseAsync("--pod", "shop/web-2", "--format", "json");

        Assert.Equal(0, second.ExitCode);
        Assert.False(cluster.Cluster.NetworkPolicyExists("shop", ReleaseCluster.Policy));
        Assert.Equal("true", cluster.Cluster.Pod("shop", "web-1")!.Labels["falco-responder/flagged"]);
    }

    [Fact]
    public async Task Release_QuarantineLabelOfThePolicy_IsRemovedBesideTheDefaultOne()
    {
        await using var cluster = await ReleaseCluster.StartAsync("""
            [[policy.rules]]
            name = "isolate"
            [[policy.rules.actions]]
            action = "isolate-pod"
            labels = { "security.example.com/isolated" = "yes" }
            """);
        cluster.Cluster.Add(new PodBuilder("shop", "web-1").Label(ReleaseCluster.Quarantine, "true").Label("security.example.com/isolated", "yes"));
        cluster.Cluster.Add(new PodBuilder("shop", "web-2").Label("security.example.com/isolated", "no"));
        cluster.AddQuarantinePolicy("shop", "security.example.com/isolated", "yes");

        var run = await cluster.ReleaseAsync("--pod", "shop/web-1", "--pod", "shop/web-2", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """{"metadata":{"labels":{"falco-responder/quarantine":null,"security.example.com/isolated":null}}}""",
            cluster.Writes.Single(w => w.Method == "PATCH").Body);
        Assert.Empty(cluster.Cluster.Pod("shop", "web-1")!.Labels);
        Assert.Equal("no", cluster.Cluster.Pod("shop", "web-2")!.Labels["security.example.com/isolated"]);
        Assert.Contains(cluster.Fake.Requests, r => r.QueryValue("labelSelector") == "security.example.com/isolated=yes");
        Assert.False(cluster.Cluster.NetworkPolicyExists("shop", ReleaseCluster.Policy));
        Assert.Equal(
            ["unisolate-pod shop/web-1 succeeded", "unisolate-pod shop/web-2 skipped", "delete-quarantine-policy shop/falco-responder-quarantine succeeded"],
            ReleaseCluster.Lines(run));
    }

    [Fact]
    public async Task Release_PodQuarantinedWhileThePolicyIsDeleted_PutsThePolicyBack()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddQuarantinedPod("shop", "web-1");
        cluster.AddQuarantinePolicy("shop");
        var isolated = 0;
        // The responder isolates another pod of the namespace just as the release deletes the policy.
        cluster.Fake.Faults.Inject(FakeFault.InternalError(), r =>
        {
            if (r.Method == "DELETE" && Interlocked.Exchange(ref isolated, 1) == 0)
            {
                cluster.AddQuarantinedPod("shop", "api-1");
            }

            return false;
        });

        var run = await cluster.ReleaseAsync("--pod", "shop/web-1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["PATCH", "DELETE", "POST"], cluster.Writes.Select(w => w.Method));
        var created = ReleaseCluster.Body(cluster.Writes[2])!;
        Assert.Equal("true", (string?)created["spec"]!["podSelector"]!["matchLabels"]![ReleaseCluster.Quarantine]);
        Assert.Equal("true", (string?)created["metadata"]!["labels"]!["falco-responder/flagged"]);
        Assert.Null(created["metadata"]!["resourceVersion"]);
        Assert.True(cluster.Cluster.NetworkPolicyExists("shop", ReleaseCluster.Policy));
        Assert.Equal(
            "in-use: api-1 quarantined meanwhile; the policy is back in place",
            ReleaseCluster.Reason(run, "delete-quarantine-policy", "shop/falco-responder-quarantine"));
    }

    [Fact]
    public async Task Release_PolicyOfTheSameNameNotMadeByTheResponder_IsLeftAlone()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddQuarantinedPod("shop", "web-1");
        cluster.Cluster.AddNetworkPolicy("shop", ReleaseCluster.Policy, ReleaseCluster.Quarantine, "true");

        var run = await cluster.ReleaseAsync("--pod", "shop/web-1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["PATCH"], cluster.Writes.Select(w => w.Method));
        Assert.True(cluster.Cluster.NetworkPolicyExists("shop", ReleaseCluster.Policy));
        Assert.StartsWith("not-responder: ", ReleaseCluster.Reason(run, "delete-quarantine-policy", "shop/falco-responder-quarantine"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_PodThatIsNotQuarantined_IsSkippedAndNotWritten()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.Cluster.AddBarePod("shop", "web-1", "n1");

        var run = await cluster.ReleaseAsync("--pod", "shop/web-1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(cluster.Writes);
        Assert.Equal(["unisolate-pod shop/web-1 skipped"], ReleaseCluster.Lines(run));
        Assert.Equal(
            "not-quarantined: the pod has no quarantine label (falco-responder/quarantine=true)",
            ReleaseCluster.Reason(run, "unisolate-pod", "shop/web-1"));
    }

    [Fact]
    public async Task Release_PodsInTwoNamespaces_ReleaseEachNamespacePolicyOnItsOwn()
    {
        await using var cluster = await ReleaseCluster.StartAsync();
        cluster.AddQuarantinedPod("shop", "web-1");
        cluster.AddQuarantinedPod("billing", "api-1");
        cluster.AddQuarantinedPod("billing", "api-2");
        cluster.AddQuarantinePolicy("shop");
        cluster.AddQuarantinePolicy("billing");

        var run = await cluster.ReleaseAsync("--pod", "shop/web-1", "--pod", "billing/api-1", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.False(cluster.Cluster.NetworkPolicyExists("shop", ReleaseCluster.Policy));
        Assert.True(cluster.Cluster.NetworkPolicyExists("billing", ReleaseCluster.Policy));
        Assert.True(cluster.Cluster.Pod("billing", "api-2")!.Labels.ContainsKey(ReleaseCluster.Quarantine));
        Assert.Equal(
        [
            "unisolate-pod shop/web-1 succeeded",
            "unisolate-pod billing/api-1 succeeded",
            "delete-quarantine-policy shop/falco-responder-quarantine succeeded",
            "delete-quarantine-policy billing/falco-responder-quarantine skipped",
        ], ReleaseCluster.Lines(run));
    }
}
