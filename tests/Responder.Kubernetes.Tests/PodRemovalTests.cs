using System.Net;
using k8s;
using k8s.Models;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>Taking a pod away: DELETE with DeleteOptions, and the eviction subresource with disruption budgets.</summary>
public sealed class PodRemovalTests : FakeServerTest
{
    private static V1Eviction Eviction(string ns, string name) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "Eviction",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
    };

    [Fact]
    public async Task DeleteNamespacedPod_WithGracePeriod_ReturnsPodAndRecordsGracePeriod()
    {
        var pod = Cluster.AddBarePod("shop", "web-1", "n1");

        var deleted = await Client.CoreV1.DeleteNamespacedPodAsync("web-1", "shop", new V1DeleteOptions { GracePeriodSeconds = 10 });

        Assert.Equal(("web-1", pod.Uid), (deleted.Metadata.Name, deleted.Metadata.Uid));
        Assert.NotNull(deleted.Metadata.DeletionTimestamp);
        Assert.Null(Cluster.Pod("shop", "web-1"));
        var record = Assert.Single(Cluster.Deletions);
        Assert.Equal(("shop", "web-1", 10L, "delete"), (record.Namespace, record.Name, record.GracePeriodSeconds, record.Via));
        Assert.Equal(200, Fake.Requests.Single().StatusCode);
    }

    [Fact]
    public async Task DeleteNamespacedPod_StaleUidPrecondition_Fails409AndKeepsPod()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");

        var status = await FakeClient.FailsWithAsync(HttpStatusCode.Conflict, () => Client.CoreV1.DeleteNamespacedPodAsync(
            "web-1", "shop", new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "0d1f0a3c-0000-4000-8000-000000000000" } }));

        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.Contains("Precondition failed: UID in precondition", (string?)status["message"], StringComparison.Ordinal);
        Assert.NotNull(Cluster.Pod("shop", "web-1"));
        Assert.Empty(Cluster.Deletions);
    }

    [Fact]
    public async Task DeleteNamespacedPod_MatchingUidPrecondition_Deletes()
    {
        var pod = Cluster.AddBarePod("shop", "web-1", "n1");

        await Client.CoreV1.DeleteNamespacedPodAsync("web-1", "shop", new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = pod.Uid } });

        Assert.Null(Cluster.Pod("shop", "web-1"));
    }

    [Fact]
    public async Task DeleteNamespacedPod_Missing_Fails404()
    {
        var status = await FakeClient.FailsWithAsync(HttpStatusCode.NotFound, () => Client.CoreV1.DeleteNamespacedPodAsync("ghost", "shop"));

        Assert.Equal("NotFound", (string?)status["reason"]);
    }

    [Fact]
    public async Task DeleteNamespacedPod_DryRunAll_LeavesPod()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");

        await Client.CoreV1.DeleteNamespacedPodAsync("web-1", "shop", dryRun: "All");

        Assert.NotNull(Cluster.Pod("shop", "web-1"));
        Assert.Empty(Cluster.Deletions);
    }

    [Fact]
    public async Task CreateNamespacedPodEviction_NoBudget_Returns201AndRemovesPod()
    {
        var web = Cluster.AddDeployment("shop", "web", "n1", "n2");
        var name = web.Pods[0].Name;

        await Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("shop", name), name, "shop");

        Assert.Null(Cluster.Pod("shop", name));
        Assert.NotNull(Cluster.Pod("shop", web.Pods[1].Name));
        Assert.Equal("eviction", Cluster.Deletions.Single().Via);
        var request = Fake.Requests.Single();
        Assert.Equal(("POST", $"/api/v1/namespaces/shop/pods/{name}/eviction", "application/json", 201),
            (request.Method, request.Path, request.MediaType, request.StatusCode));
        Assert.Contains("\"kind\":\"Eviction\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateNamespacedPodEviction_BudgetRefusesPod_Fails429AndKeepsPod()
    {
        var db = Cluster.AddStatefulSet("shop", "db", "n1", "n2");
        Cluster.RefuseEviction("shop", "db-0", budget: "db-pdb");

        var status = await FakeClient.FailsWithAsync(HttpStatusCode.TooManyRequests,
            () => Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("shop", "db-0"), "db-0", "shop"));

        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", (string?)status["message"]);
        Assert.Equal("TooManyRequests", (string?)status["reason"]);
        Assert.Equal("DisruptionBudget", (string?)status["details"]!["causes"]![0]!["reason"]);
        Assert.NotNull(Cluster.Pod("shop", "db-0"));
        Assert.Empty(Cluster.Deletions);
        Assert.Equal(db.Pods[0].Uid, Cluster.Pod("shop", "db-0")!.Uid);
    }

    [Fact]
    public async Task CreateNamespacedPodEviction_BudgetRefusesLabel_RefusesOnlyMatchingPods()
    {
        var web = Cluster.AddDeployment("shop", "web", "n1");
        Cluster.AddStatefulSet("shop", "db", "n1");
        Cluster.RefuseEvictionsByLabel("shop", "app", "db");

        await FakeClient.FailsWithAsync(HttpStatusCode.TooManyRequests,
            () => Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("shop", "db-0"), "db-0", "shop"));
        await Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("shop", web.Pods[0].Name), web.Pods[0].Name, "shop");

        Assert.NotNull(Cluster.Pod("shop", "db-0"));
        Assert.Null(Cluster.Pod("shop", web.Pods[0].Name));
    }

    [Fact]
    public async Task CreateNamespacedPodEviction_BudgetCleared_Evicts()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");
        Cluster.RefuseEviction("shop", "web-1");
        Cluster.ClearEvictionRefusals();

        await Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("shop", "web-1"), "web-1", "shop");

        Assert.Null(Cluster.Pod("shop", "web-1"));
    }

    [Fact]
    public async Task DeleteNamespacedPod_BudgetRefusesEviction_StillDeletes()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");
        Cluster.RefuseEviction("shop", "web-1");

        await Client.CoreV1.DeleteNamespacedPodAsync("web-1", "shop");

        Assert.Null(Cluster.Pod("shop", "web-1"));
    }

    [Fact]
    public async Task CreateNamespacedPodEviction_Missing_Fails404()
    {
        var status = await FakeClient.FailsWithAsync(HttpStatusCode.NotFound,
            () => Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("shop", "ghost"), "ghost", "shop"));

        Assert.Equal("pods \"ghost\" not found", (string?)status["message"]);
    }

    [Fact]
    public async Task CreateNamespacedPodEviction_NameDiffersFromPath_Fails400()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");

        await FakeClient.FailsWithAsync(HttpStatusCode.BadRequest,
            () => Client.CoreV1.CreateNamespacedPodEvictionAsync(Eviction("shop", "other"), "web-1", "shop"));

        Assert.NotNull(Cluster.Pod("shop", "web-1"));
    }

    [Fact]
    public async Task CreateNamespacedPodEviction_StaleUidInDeleteOptions_Fails409()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");
        var eviction = Eviction("shop", "web-1");
        eviction.DeleteOptions = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "not-the-uid" }, GracePeriodSeconds = 3 };

        await FakeClient.FailsWithAsync(HttpStatusCode.Conflict,
            () => Client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, "web-1", "shop"));

        Assert.NotNull(Cluster.Pod("shop", "web-1"));
    }
}
