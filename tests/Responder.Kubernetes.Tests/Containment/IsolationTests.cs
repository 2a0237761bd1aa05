using System.Text.Json.Nodes;
using Responder.TestSupport.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>isolate-pod: the quarantine label, and one deny-all NetworkPolicy per namespace that selects it.</summary>
public sealed class IsolationTests : ContainmentTest
{
    private const string IsolatePolicy = """
        [[policy.rules]]
        name = "isolate"
        [policy.rules.match]
        min_severity = "critical"
        [[policy.rules.actions]]
        action = "isolate-pod"
        """;

    [Fact]
    public void Isolate_LabelsThePod_ThenCreatesTheDenyAllPolicy()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = RespondWith(IsolatePolicy, Alert(pod));

        Assert.Equal("isolate-pod succeeded", ReportActions.Of(report)[0]);
        Assert.Equal(["PATCH /api/v1/namespaces/web/pods/shell", "POST /apis/networking.k8s.io/v1/namespaces/web/networkpolicies"], Writes());
        Assert.Equal("""{"metadata":{"labels":{"falco-responder/quarantine":"true"}}}""", Only("PATCH", "/api/v1/namespaces/web/pods/shell").Body);
        var policy = JsonNode.Parse(Only("POST", "/apis/networking.k8s.io/v1/namespaces/web/networkpolicies").Body)!;
        Assert.Equal("falco-responder-quarantine", (string?)policy["metadata"]!["name"]);
        Assert.Equal("""{"falco-responder/quarantine":"true"}""", policy["spec"]!["podSelector"]!["matchLabels"]!.ToJsonString());
        Assert.Equal("""["Ingress","Egress"]""", policy["spec"]!["policyTypes"]!.ToJsonString());
        Assert.Equal("[]", policy["spec"]!["ingress"]!.ToJsonString());
        Assert.Equal("[]", policy["spec"]!["egress"]!.ToJsonString());
        Assert.Equal("true", Cluster.Pod("web", "shell")!.Labels["falco-responder/quarantine"]);
        Assert.True(Cluster.NetworkPolicyExists("web", "falco-responder-quarantine"));
    }

    [Fact]
    public void Isolate_TwoPodsInANamespace_OnePolicy()
    {
        var a = Cluster.AddBarePod("web", "a", "n1");
        var b = Cluster.AddBarePod("web", "b", "n2");
        var c = Cluster.AddBarePod("api", "c", "n2");

        var report = RespondWith(IsolatePolicy, Alert(a), Alert(b), Alert(c));

        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal("succeeded", ReportActions.Status(report, "isolate-pod", i)));
        Assert.Equal(["/apis/networking.k8s.io/v1/namespaces/api/networkpolicies", "/apis/networking.k8s.io/v1/namespaces/web/networkpolicies"],
            Fake.Requests.Where(r => r.Method == "POST").Select(r => r.Path).Order());
    }

    [Fact]
    public void Isolate_PolicyAlreadyThere_IsIdempotent()
    {
        Cluster.AddNetworkPolicy("web", "falco-responder-quarantine", "falco-responder/quarantine", "true");
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = RespondWith(IsolatePolicy, Alert(pod));

        Assert.Equal("isolate-pod succeeded: isolated: NetworkPolicy falco-responder-quarantine was already in place", ReportActions.Of(report)[0]);
        Assert.Single(Fake.Requests, r => r is { Method: "POST", StatusCode: 409 });
    }

    [Fact]
    public void Isolate_CustomQuarantineLabel_IsTheSelector()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        RespondWith(IsolatePolicy + "\nlabels = { \"security.example.com/quarantine\" = \"falco\" }", Alert(pod));

        Assert.Equal("falco", Cluster.Pod("web", "shell")!.Labels["security.example.com/quarantine"]);
        var policy = JsonNode.Parse(Only("POST", "/apis/networking.k8s.io/v1/namespaces/web/networkpolicies").Body)!;
        Assert.Equal("""{"security.example.com/quarantine":"falco"}""", policy["spec"]!["podSelector"]!["matchLabels"]!.ToJsonString());
    }

    [Fact]
    public void Isolate_PodGone_IsSkipped_NoPolicyCreated()
    {
        var report = RespondWith(IsolatePolicy, Alert("web", "gone"));

        Assert.Equal("isolate-pod skipped: gone: the pod no longer exists", ReportActions.Of(report)[0]);
        Assert.Empty(Writes());
    }
}
