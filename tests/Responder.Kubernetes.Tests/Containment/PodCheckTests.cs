using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>The checks made on a pod's controller before it is taken away; every refusal is a skip with its reason.</summary>
public sealed class PodCheckTests : ContainmentTest
{
    [Fact]
    public async Task DaemonSetPod_IsLabelledButNotDeleted()
    {
        var pod = Cluster.AddDaemonSetPod("monitoring", "node-exporter", "n1");

        var report = await RespondAsync(Alert(pod));

        Assert.Equal("label-pod succeeded", ReportActions.Of(report)[0]);
        Assert.Equal("delete-pod skipped: daemonset-pod: DaemonSet node-exporter would put it straight back on the same node", ReportActions.Of(report)[2]);
        Assert.NotNull(Cluster.Pod("monitoring", pod.Name));
        Assert.Equal("true", Cluster.Pod("monitoring", pod.Name)!.Labels["falco-responder/flagged"]);
    }

    [Fact]
    public async Task DaemonSetPod_IsDeletedWhenTheCheckIsOff()
    {
        var pod = Cluster.AddDaemonSetPod("monitoring", "node-exporter", "n1");

        await RespondWithAsync("[containment]\nskip_daemonset_pods = false", Alert(pod));

        Assert.Null(Cluster.Pod("monitoring", pod.Name));
    }

    [Fact]
    public async Task StatefulSetPod_SkippedWhenConfigured_DeletedByDefault()
    {
        var pods = Cluster.AddStatefulSet("data", "db", "n1", "n2").Pods;

        var skipped = await RespondWithAsync("[containment]\nskip_statefulset_pods = true", Alert(pods[0]));
        Assert.Equal("delete-pod skipped: statefulset-pod: pods of StatefulSet db are left alone (containment.skip_statefulset_pods)", ReportActions.Of(skipped)[2]);
        Assert.NotNull(Cluster.Pod("data", "db-0"));

        await RespondAsync(Alert(pods[1]));
        Assert.Null(Cluster.Pod("data", "db-1"));
    }

    [Fact]
    public async Task StandalonePod_SkippedWhenConfigured()
    {
        var pod = Cluster.AddBarePod("web", "debug-shell", "n1");

        var report = await RespondWithAsync("[containment]\nskip_standalone_pods = true", Alert(pod));

        Assert.Equal("delete-pod skipped: standalone-pod: no controller would replace it (containment.skip_standalone_pods)", ReportActions.Of(report)[2]);
        Assert.NotNull(Cluster.Pod("web", "debug-shell"));
    }

    [Fact]
    public async Task MinHealthyCount_CountsDownAcrossTheBatch()
    {
        Cluster.AddNodes("n3", "n4");
        var pods = Cluster.AddDeployment("shop", "web", "n1", "n2", "n3").Pods;

        var report = await RespondWithAsync("[containment]\nmin_healthy_replicas = \"2\"", [.. pods.Select(Alert)]);

        Assert.Equal("delete-pod succeeded", ReportActions.Of(report, 0)[2]);
        Assert.Equal("delete-pod skipped: min-healthy: Deployment web would have 1 of 3 replicas ready (minimum 2)", ReportActions.Of(report, 1)[2]);
        Assert.Equal("skipped", ReportActions.Status(report, "delete-pod", 2));
        Assert.Equal(2, Cluster.Pods("shop").Count);
    }

    [Fact]
    public async Task MinHealthyPercentage_RoundsUp_AsAPodDisruptionBudgetDoes()
    {
        Cluster.AddNodes("n3", "n4");
        var pods = Cluster.AddDeployment("shop", "web", "n1", "n2", "n3").Pods;

        // 50% of 3 is 1.5: two must stay ready, so only one pod may go.
        var report = await RespondWithAsync("[containment]\nmin_healthy_replicas = \"50%\"", [.. pods.Select(Alert)]);

        Assert.Equal(["succeeded", "skipped", "skipped"], [.. Enumerable.Range(0, 3).Select(i => ReportActions.Status(report, "delete-pod", i))]);
        Assert.Contains("minimum 50%", ReportActions.Reason(report, "delete-pod", 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinHealthy_AnUnreadyPodDoesNotCountAgainstTheBudget()
    {
        var replicaSet = new ReplicaSetBuilder("shop", "web-5f6d7c8b9a").Replicas(3, ready: 2).Selects("app", "web");
        Cluster.Add(replicaSet.Build());
        var broken = Cluster.Add(new PodBuilder("shop", "web-5f6d7c8b9a-aaaaa").OnNode("n1").NotReady().OwnedBy(replicaSet));

        // Two ready of three; taking the unready one away leaves both: the minimum of 2 holds.
        var report = await RespondWithAsync("[containment]\nmin_healthy_replicas = \"2\"", Alert(broken));

        Assert.Equal("delete-pod succeeded", ReportActions.Of(report)[2]);
    }

    [Fact]
    public async Task ReplicaSetGone_DeletesWithTheKindKnown()
    {
        var replicaSet = new ReplicaSetBuilder("shop", "web-5f6d7c8b9a").Replicas(2);
        var pod = Cluster.Add(new PodBuilder("shop", "web-5f6d7c8b9a-bbbbb").OnNode("n1").OwnedBy(replicaSet));

        var report = await RespondWithAsync("[containment]\nmin_healthy_replicas = \"1\"", Alert(pod));

        Assert.Equal("delete-pod succeeded", ReportActions.Of(report)[2]);
        Assert.Single(Fake.Requests, r => r is { Method: "GET", StatusCode: 404 } && r.Path.EndsWith("/replicasets/web-5f6d7c8b9a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PodInAnotherNamespace_IsNotTheAlertsPod()
    {
        Cluster.AddBarePod("staging", "api", "n1");

        var report = await RespondAsync(Alert("production", "api"));

        Assert.Equal("delete-pod succeeded: gone: the pod no longer exists", ReportActions.Of(report)[2]);
        Assert.NotNull(Cluster.Pod("staging", "api"));
        Assert.Empty(Cluster.Deletions);
    }
}
