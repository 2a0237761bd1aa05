using System.Text.Json.Nodes;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>evict-pod: the policy/v1 Eviction, and what a PodDisruptionBudget's refusal leads to.</summary>
public sealed class EvictionTests : ContainmentTest
{
    private static string Policy(string onRefusal) => $"""
        [[policy.rules]]
        name = "evict"
        [policy.rules.match]
        min_severity = "critical"
        [[policy.rules.actions]]
        action = "evict-pod"
        grace_period_seconds = 5
        on_pdb_refusal = "{onRefusal}"
        """;

    [Fact]
    public async Task Evict_PostsAnEvictionWithTheUid()
    {
        var pod = Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];

        var report = await RespondWithAsync(Policy("skip"), Alert(pod));

        Assert.Equal("evict-pod succeeded", ReportActions.Of(report)[0]);
        var post = Only("POST", $"/api/v1/namespaces/shop/pods/{pod.Name}/eviction");
        Assert.Equal("application/json", post.MediaType);
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal(("policy/v1", "Eviction", pod.Name, "shop"),
            ((string?)body["apiVersion"], (string?)body["kind"], (string?)body["metadata"]!["name"], (string?)body["metadata"]!["namespace"]));
        Assert.Equal(5, (int)body["deleteOptions"]!["gracePeriodSeconds"]!);
        Assert.Equal(pod.Uid, (string?)body["deleteOptions"]!["preconditions"]!["uid"]);
        var deletion = Assert.Single(Cluster.Deletions);
        Assert.Equal(("eviction", 5L), (deletion.Via, deletion.GracePeriodSeconds));
    }

    [Fact]
    public async Task PdbRefusal_Skip_LeavesThePod_AndSaysWhy()
    {
        var pod = Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];
        Cluster.RefuseEviction("shop", pod.Name, "web-pdb");

        var report = await RespondWithAsync(Policy("skip"), Alert(pod));

        Assert.Equal("skipped", ReportActions.Status(report, "evict-pod"));
        Assert.StartsWith("pdb-refused: ", ReportActions.Reason(report, "evict-pod"), StringComparison.Ordinal);
        Assert.Contains("web-pdb", ReportActions.Reason(report, "evict-pod"), StringComparison.Ordinal);
        Assert.NotNull(Cluster.Pod("shop", pod.Name));
        // A refusal is an answer, not throttling: asked once.
        Assert.Single(Fake.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task PdbRefusal_Delete_FallsBackToADeleteWithTheSameGraceAndUid()
    {
        var pod = Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];
        Cluster.RefuseEviction("shop", pod.Name);

        var report = await RespondWithAsync(Policy("delete"), Alert(pod));

        Assert.Equal("evict-pod succeeded: deleted: a PodDisruptionBudget refused the eviction (on_pdb_refusal = delete)", ReportActions.Of(report)[0]);
        Assert.Equal([$"POST /api/v1/namespaces/shop/pods/{pod.Name}/eviction 429", $"DELETE /api/v1/namespaces/shop/pods/{pod.Name} 200"],
            Fake.Requests.Where(r => r.Method is "POST" or "DELETE").Select(r => $"{r.Method} {r.Path} {r.StatusCode}"));
        var deletion = Assert.Single(Cluster.Deletions);
        Assert.Equal(("delete", 5L, pod.Uid), (deletion.Via, deletion.GracePeriodSeconds, deletion.Uid));
    }

    [Fact]
    public async Task Evict_PodGone_SucceedsAsGone()
    {
        var report = await RespondWithAsync(Policy("skip"), Alert("shop", "web-5f6d7c8b9a-gone1"));

        Assert.Equal("evict-pod succeeded: gone: the pod no longer exists", ReportActions.Of(report)[0]);
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task Delete_PodReplacedByANamesake_IsNotDeleted()
    {
        var pod = Cluster.AddStatefulSet("data", "db", "n1").Pods[0];
        // The StatefulSet recreates db-0 between the responder's read and its delete.
        Fake.Faults.Inject(FakeFault.InternalError(), r =>
        {
            if (r is { Method: "DELETE", Path: "/api/v1/namespaces/data/pods/db-0" })
            {
                Cluster.Remove(ResourceType.Pods, "data", "db-0");
                Cluster.Add(new PodBuilder("data", "db-0").OnNode("n2"));
            }

            return false;
        });

        var report = await RespondAsync(Alert(pod));

        Assert.Equal("delete-pod succeeded: gone: the pod was replaced by a new one of the same name, which is left alone", ReportActions.Of(report)[2]);
        Assert.Equal("n2", Cluster.Pod("data", "db-0")!.NodeName);
        Assert.DoesNotContain(Cluster.Deletions, d => d.Via != "out-of-band");
    }
}
