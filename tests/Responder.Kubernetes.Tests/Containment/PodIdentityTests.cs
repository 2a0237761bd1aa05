using System.Text.Json.Nodes;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>
/// Only the pod that fired is acted on: the uid the alert carries, else a pod that existed at the alert's time. A
/// namesake made since (a StatefulSet recreates db-0 under the same name, on another node) is never labelled,
/// deleted, or taken for the way to its node.
/// </summary>
public sealed class PodIdentityTests : ContainmentTest
{
    private const string FiredAt = "2024-05-04T04:20:00.123456789Z";
    private static readonly DateTimeOffset Fired = new(2024, 5, 4, 4, 20, 0, TimeSpan.Zero);

    [Fact]
    public async Task AlertUid_PodRecreatedWithANewUid_NothingIsWritten()
    {
        Cluster.AddNodes("n3", "n4");
        var original = Guid.NewGuid().ToString();
        var replacement = Cluster.AddStatefulSet("data", "db", "n2").Pods[0];

        var report = await RespondAsync(Alert("data", "db-0", hostname: "n1", uid: original));

        var reason = $"pod-replaced: pod data/db-0 has uid {replacement.Uid}, the alert's pod had uid {original}";
        Assert.Equal([$"label-pod skipped: {reason}", $"cordon-node skipped: {reason}", $"delete-pod skipped: {reason}"], ReportActions.Of(report)[..3]);
        Assert.Empty(Writes());
        Assert.NotNull(Cluster.Pod("data", "db-0"));
        Assert.False(Cluster.Node("n2").Unschedulable);
        Assert.False(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task AlertUid_ThePodThatFired_IsTheDeletePrecondition()
    {
        Cluster.AddNodes("n3", "n4");
        var pod = Cluster.AddStatefulSet("data", "db", "n1").Pods[0];

        var report = await RespondAsync(Alert("data", pod.Name, uid: pod.Uid));

        Assert.Equal(["label-pod succeeded", "cordon-node succeeded", "delete-pod succeeded"], ReportActions.Of(report)[..3]);
        Assert.Equal(pod.Uid, (string?)JsonNode.Parse(Only("DELETE", "/api/v1/namespaces/data/pods/db-0").Body)!["preconditions"]!["uid"]);
        Assert.Equal(pod.Uid, (string?)JsonNode.Parse(Only("PATCH", "/api/v1/namespaces/data/pods/db-0").Body)!["metadata"]!["uid"]);
    }

    [Fact]
    public async Task NoUid_PodCreatedAfterTheAlert_IsAReplacement()
    {
        Cluster.AddNodes("n3", "n4");
        Cluster.Add(new PodBuilder("data", "db-0").OnNode("n2").CreatedAt(Fired.AddMinutes(2)));

        var report = await RespondAsync(Alert("data", "db-0", hostname: "n1", time: FiredAt));

        Assert.All(ReportActions.Of(report)[..3], a => Assert.Contains("skipped: pod-replaced: pod data/db-0 was created at 2024-05-04T04:22:00Z, after the alert", a, StringComparison.Ordinal));
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task NoUid_PodCreatedWithinTheClockSkew_IsThePodThatFired()
    {
        Cluster.AddNodes("n3", "n4");
        Cluster.Add(new PodBuilder("data", "db-0").OnNode("n1").CreatedAt(Fired.AddSeconds(3)));

        var report = await RespondAsync(Alert("data", "db-0", time: FiredAt));

        Assert.Equal("delete-pod succeeded", ReportActions.Of(report)[2]);
    }

    [Fact]
    public async Task NoUid_ClockSkewSetToZero_ASecondLaterIsAReplacement()
    {
        Cluster.Add(new PodBuilder("data", "db-0").OnNode("n1").CreatedAt(Fired.AddSeconds(1)));

        var report = await RespondWithAsync("[containment]\nclock_skew_seconds = 0", Alert("data", "db-0", time: FiredAt));

        Assert.StartsWith("pod-replaced: ", ReportActions.Reason(report, "delete-pod"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodReplacedBetweenTheReadAndTheLabel_IsNotLabelled()
    {
        Cluster.AddNodes("n3", "n4");
        var pod = Cluster.AddStatefulSet("data", "db", "n1").Pods[0];
        var replaced = false;
        Fake.Faults.Inject(FakeFault.InternalError(), r =>
        {
            if (!replaced && r is { Method: "PATCH", Path: "/api/v1/namespaces/data/pods/db-0" })
            {
                replaced = true;
                Cluster.Remove(ResourceType.Pods, "data", "db-0");
                Cluster.Add(new PodBuilder("data", "db-0").OnNode("n2"));
            }

            return false;
        });

        var report = await RespondAsync(Alert(pod));

        Assert.StartsWith("label-pod skipped: pod-replaced: pod data/db-0 was replaced by a namesake since it was read", ReportActions.Of(report)[0], StringComparison.Ordinal);
        Assert.DoesNotContain("falco-responder/flagged", Cluster.Pod("data", "db-0")!.Labels.Keys);
        Assert.Equal("delete-pod succeeded: gone: the pod was replaced by a new one of the same name, which is left alone", ReportActions.Of(report)[2]);
        Assert.NotNull(Cluster.Pod("data", "db-0"));
    }

    [Fact]
    public async Task MalformedUid_TheAlertIsInvalid()
    {
        var report = await RespondAsync(Alert("data", "db-0", uid: "../../nodes/n1"));

        Assert.Empty(report["alerts"]!.AsArray());
        Assert.Equal("pod uid \"../../nodes/n1\" is not a Kubernetes uid", (string?)report["rejected"]![0]!["message"]);
        Assert.Empty(Fake.Requests);
    }
}
