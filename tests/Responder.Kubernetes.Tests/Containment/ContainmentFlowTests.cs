using System.Text.Json.Nodes;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>The default policy's containment of a critical alert, as the API server sees it.</summary>
public sealed class ContainmentFlowTests : ContainmentTest
{
    [Fact]
    public async Task CriticalAlert_LabelsThenCordonsThenDeletes_WithTheExactRequests()
    {
        var pod = Cluster.AddDeployment("checkout", "checkout", "n1", "n2").Pods[0];

        var report = await RespondAsync(Alert(pod));

        Assert.Equal(["label-pod succeeded", "cordon-node succeeded", "delete-pod succeeded", "notify planned"], ReportActions.Of(report));
        Assert.Equal([$"DELETE /api/v1/namespaces/checkout/pods/{pod.Name}", $"PATCH /api/v1/namespaces/checkout/pods/{pod.Name}", "PATCH /api/v1/nodes/n1"], Writes().Order(StringComparer.Ordinal));

        var label = Only("PATCH", $"/api/v1/namespaces/checkout/pods/{pod.Name}");
        Assert.Equal("application/merge-patch+json", label.MediaType);
        var metadata = JsonNode.Parse(label.Body)!["metadata"]!;
        Assert.Equal(pod.Uid, (string?)metadata["uid"]);
        Assert.Equal("true", (string?)metadata["labels"]!["falco-responder/flagged"]);
        Assert.Equal("critical", (string?)metadata["labels"]!["falco-responder/severity"]);
        Assert.Equal("Drop_and_execute_new_binary_in_container", (string?)metadata["labels"]!["falco-responder/rule"]);
        Assert.Equal("Drop and execute new binary in container", (string?)metadata["annotations"]!["falco-responder/rule"]);
        Assert.Equal("2024-05-04T04:20:00.123456789Z", (string?)metadata["annotations"]!["falco-responder/time"]);
        Assert.Equal("label-pod,cordon-node,delete-pod", (string?)metadata["annotations"]!["falco-responder/actions"]);

        var cordon = Only("PATCH", "/api/v1/nodes/n1");
        Assert.Equal("application/strategic-merge-patch+json", cordon.MediaType);
        Assert.True((bool)JsonNode.Parse(cordon.Body)!["spec"]!["unschedulable"]!);

        var delete = Only("DELETE", $"/api/v1/namespaces/checkout/pods/{pod.Name}");
        var options = JsonNode.Parse(delete.Body)!;
        Assert.Equal(0, (int)options["gracePeriodSeconds"]!);
        Assert.Equal(pod.Uid, (string?)options["preconditions"]!["uid"]);

        // The pod is read before anything is written; the evidence and the cordon are in place before the pod goes.
        var read = Only("GET", $"/api/v1/namespaces/checkout/pods/{pod.Name}");
        Assert.True(read.Sequence < label.Sequence && read.Sequence < cordon.Sequence);
        Assert.True(label.Sequence < delete.Sequence && cordon.Sequence < delete.Sequence);
        Assert.Null(Cluster.Pod("checkout", pod.Name));
        Assert.True(Cluster.Node("n1").Unschedulable);
        Assert.StartsWith("20", Cluster.Node("n1").Annotations["falco-responder/cordoned"], StringComparison.Ordinal);
        Assert.False(Cluster.Node("n2").Unschedulable);
        var deletion = Assert.Single(Cluster.Deletions);
        Assert.Equal((0, "delete", pod.Uid), (deletion.GracePeriodSeconds, deletion.Via, deletion.Uid));
    }

    [Fact]
    public async Task CriticalAlert_ReadsOnlyWhatItNeeds()
    {
        var pod = Cluster.AddDeployment("checkout", "checkout", "n1").Pods[0];

        await RespondAsync(Alert(pod));

        // The pod, the node list, the pod's controller: each once.
        var reads = Fake.Requests.Where(r => r.Method == "GET").Select(r => r.Path).Order().ToArray();
        Assert.Equal(["/api/v1/namespaces/checkout/pods/" + pod.Name, "/api/v1/nodes", "/apis/apps/v1/namespaces/checkout/replicasets/" + pod.Owners[0].Name], reads);
    }

    [Fact]
    public async Task PodAlreadyGone_DeleteSucceedsAsGone_AndTheAlertsNodeIsCordoned()
    {
        var report = await RespondAsync(Alert("checkout", "checkout-6f7b8c9d0-zz9yy", hostname: "n2"));

        Assert.Equal(
            ["label-pod skipped: gone: the pod no longer exists", "cordon-node succeeded", "delete-pod succeeded: gone: the pod no longer exists"],
            ReportActions.Of(report)[..3]);
        Assert.Equal(["PATCH /api/v1/nodes/n2"], Writes());
    }

    [Fact]
    public async Task NodeComesFromThePod_NotFromTheAlertsHostname()
    {
        var pod = Cluster.AddDeployment("checkout", "checkout", "n2").Pods[0];

        var report = await RespondAsync(Alert("checkout", pod.Name, hostname: "n1"));

        Assert.Equal("n2", (string?)ReportActions.Action(report, "cordon-node")["target"]);
        Assert.True(Cluster.Node("n2").Unschedulable);
        Assert.False(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task AlreadyCordonedNode_IsANoOpSuccess()
    {
        Cluster.Add(new NodeBuilder("n3").Unschedulable());
        Cluster.AddNodes("n4", "n5", "n6");
        var pod = Cluster.AddBarePod("web", "shell", "n3");
        var before = Cluster.Node("n3").ResourceVersion;

        var report = await RespondAsync(Alert(pod));

        Assert.Equal("cordon-node succeeded: already cordoned", ReportActions.Of(report)[1]);
        Assert.DoesNotContain("PATCH /api/v1/nodes/n3", Writes());
        Assert.Equal(before, Cluster.Node("n3").ResourceVersion);
    }

    [Fact]
    public async Task HundredAlertsForOnePod_ActOncePerTarget()
    {
        var pod = Cluster.AddDeployment("checkout", "checkout", "n1", "n2").Pods[0];

        // Dedupe off: the hundred alerts reach the cluster port, which still acts once per target.
        var report = await RespondWithAsync("[state]\ndedupe_window_seconds = 0", [.. Enumerable.Repeat(Alert(pod), 100)]);

        Assert.Equal(100, report["alerts"]!.AsArray().Count);
        Assert.Equal(3, Writes().Length);
        Assert.Single(Cluster.Deletions);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(["label-pod succeeded", "cordon-node succeeded", "delete-pod succeeded"], ReportActions.Of(report, i)[..3]);
        }
    }

    [Fact]
    public async Task ManyPodsOnOneNode_CordonItOnce_AndDeleteEach()
    {
        Cluster.AddNodes("n3", "n4");
        var pods = Cluster.AddDeployment("checkout", "checkout", "n1", "n1", "n1").Pods;

        await RespondAsync([.. pods.Select(Alert)]);

        Assert.Single(Fake.Requests, r => r is { Method: "PATCH", Path: "/api/v1/nodes/n1" });
        Assert.Equal(3, Cluster.Deletions.Count);
        Assert.Empty(Cluster.Pods("checkout"));
    }

    [Fact]
    public async Task DryRun_SendsNoWrites()
    {
        var pod = Cluster.AddDeployment("checkout", "checkout", "n1").Pods[0];

        var report = await RespondWithAsync("dry_run = true", Alert(pod));

        Assert.Equal("planned", ReportActions.Status(report, "delete-pod"));
        Assert.Empty(Fake.Requests);
        Assert.NotNull(Cluster.Pod("checkout", pod.Name));
    }

    [Fact]
    public async Task ProtectedNamespace_NoClusterCallAtAll()
    {
        var pod = Cluster.AddBarePod("kube-system", "coredns-5d78c9869d-abcde", "n1");

        var report = await RespondAsync(Alert(pod));

        Assert.All(new[] { "label-pod", "cordon-node", "delete-pod" }, a => Assert.Equal("skipped", ReportActions.Status(report, a)));
        Assert.Empty(Fake.Requests);
    }
}
