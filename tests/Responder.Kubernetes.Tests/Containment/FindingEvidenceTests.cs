using System.Text.Json.Nodes;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>
/// With Security Hub findings on, what holds a pod or a node names the alert's finding (annotation
/// falco-responder/finding-id), so release can note on it that the hold was undone; with them off, nothing does.
/// </summary>
public sealed class FindingEvidenceTests : ContainmentTest
{
    private const string FindingId = "falco-responder/finding-id";

    private const string HoldEverything = """
        [securityhub]
        enabled = true
        [cluster]
        name = "prod"
        [[policy.rules]]
        name = "hold"
        [policy.rules.match]
        min_severity = "critical"
        [[policy.rules.actions]]
        action = "label-pod"
        [[policy.rules.actions]]
        action = "isolate-pod"
        [[policy.rules.actions]]
        action = "cordon-node"
        [[policy.rules.actions]]
        action = "notify"
        """;

    [Fact]
    public async Task Hold_FindingsOn_PodAndNodeNameTheAlertsFinding()
    {
        var pod = Cluster.AddDeployment("checkout", "checkout", "n1", "n2").Pods[0];

        var report = await RespondWithAsync(HoldEverything, Alert(pod));

        Assert.Equal(["label-pod succeeded", "isolate-pod succeeded", "cordon-node succeeded", "notify planned", "record-finding planned"], ReportActions.Of(report));
        var finding = (string)ReportActions.Action(report, "record-finding")["target"]!;
        Assert.StartsWith("falco-responder/prod/", finding, StringComparison.Ordinal);
        var patches = Fake.Requests.Where(r => r.Method == "PATCH" && r.Path == $"/api/v1/namespaces/checkout/pods/{pod.Name}").ToList();
        Assert.Equal(2, patches.Count);
        Assert.All(patches, p => Assert.Equal(finding, (string?)JsonNode.Parse(p.Body)!["metadata"]!["annotations"]![FindingId]));
        Assert.Equal(finding, Cluster.Pod("checkout", pod.Name)!.Annotations[FindingId]);
        Assert.Equal(finding, Cluster.Node("n1").Annotations[FindingId]);
    }

    [Fact]
    public async Task Hold_FindingsOff_NothingNamesAFinding()
    {
        var pod = Cluster.AddDeployment("checkout", "checkout", "n1", "n2").Pods[0];

        var report = await RespondWithAsync(HoldEverything.Replace("enabled = true", "enabled = false", StringComparison.Ordinal), Alert(pod));

        Assert.Equal(["label-pod succeeded", "isolate-pod succeeded", "cordon-node succeeded", "notify planned"], ReportActions.Of(report));
        Assert.DoesNotContain(Fake.Requests, r => r.Body.Contains(FindingId, StringComparison.Ordinal));
        Assert.False(Cluster.Node("n1").Annotations.ContainsKey(FindingId));
    }
}
