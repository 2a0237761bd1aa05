using System.Text.Json.Nodes;
using Responder.Harness.Kubernetes;
using Responder.Kubernetes.Actions;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>
/// isolate-pod: the quarantine label, and one deny-all NetworkPolicy per namespace and label set that selects it.
/// Succeeded means isolated, as far as the namespace's NetworkPolicies show.
/// </summary>
public sealed class IsolationTests : ContainmentTest
{
    private const string Quarantine = "falco-responder/quarantine";

    private const string IsolatePolicy = """
        [[policy.rules]]
        name = "isolate"
        [policy.rules.match]
        min_severity = "critical"
        [[policy.rules.actions]]
        action = "isolate-pod"
        """;

    private static readonly string DefaultPolicy = QuarantinePolicies.NameFor(new Dictionary<string, string> { [Quarantine] = "true" });

    [Fact]
    public async Task Isolate_LabelsThePodAndCreatesTheDenyAllPolicyOfItsLabels()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = await RespondWithAsync(IsolatePolicy, Alert(pod));

        Assert.Equal("isolate-pod succeeded", ReportActions.Of(report)[0]);
        Assert.Equal(["PATCH /api/v1/namespaces/web/pods/shell", "POST /apis/networking.k8s.io/v1/namespaces/web/networkpolicies"], Writes().Order());
        Assert.Equal($$$"""{"metadata":{"labels":{"falco-responder/quarantine":"true"},"uid":"{{{pod.Uid}}}"}}""", Only("PATCH", "/api/v1/namespaces/web/pods/shell").Body);
        var policy = JsonNode.Parse(Only("POST", "/apis/networking.k8s.io/v1/namespaces/web/networkpolicies").Body)!;
        Assert.StartsWith("falco-responder-quarantine-", DefaultPolicy, StringComparison.Ordinal);
        Assert.Equal(DefaultPolicy, (string?)policy["metadata"]!["name"]);
        Assert.Equal("""{"falco-responder/quarantine":"true"}""", policy["spec"]!["podSelector"]!["matchLabels"]!.ToJsonString());
        Assert.Equal("""["Ingress","Egress"]""", policy["spec"]!["policyTypes"]!.ToJsonString());
        Assert.Equal("[]", policy["spec"]!["ingress"]!.ToJsonString());
        Assert.Equal("[]", policy["spec"]!["egress"]!.ToJsonString());
        Assert.Equal("true", Cluster.Pod("web", "shell")!.Labels[Quarantine]);
        Assert.True(Cluster.NetworkPolicyExists("web", DefaultPolicy));
    }

    [Fact]
    public async Task Isolate_TwoPodsInANamespace_OnePolicy()
    {
        var a = Cluster.AddBarePod("web", "a", "n1");
        var b = Cluster.AddBarePod("web", "b", "n2");
        var c = Cluster.AddBarePod("api", "c", "n2");

        var report = await RespondWithAsync(IsolatePolicy, Alert(a), Alert(b), Alert(c));

        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal("succeeded", ReportActions.Status(report, "isolate-pod", i)));
        Assert.Equal(["/apis/networking.k8s.io/v1/namespaces/api/networkpolicies", "/apis/networking.k8s.io/v1/namespaces/web/networkpolicies"],
            Fake.Requests.Where(r => r.Method == "POST").Select(r => r.Path).Order());
    }

    [Fact]
    public async Task Isolate_TheDenyAllPolicyAlreadyThere_IsReadBackAndTrusted()
    {
        Cluster.AddNetworkPolicy("web", DefaultPolicy, Quarantine, "true");
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = await RespondWithAsync(IsolatePolicy, Alert(pod));

        Assert.Equal($"isolate-pod succeeded: isolated: NetworkPolicy {DefaultPolicy} was already in place", ReportActions.Of(report)[0]);
        Assert.Single(Fake.Requests, r => r is { Method: "POST", StatusCode: 409 });
        Assert.Single(Fake.Requests, r => r.Method == "GET" && r.Path.EndsWith("/networkpolicies/" + DefaultPolicy, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Isolate_AnAllowAllPolicyPutThereUnderTheName_Fails()
    {
        // A tenant allowed to create NetworkPolicies gets there first with the name the responder uses.
        Cluster.Add(new NetworkPolicyBuilder("web", DefaultPolicy).SelectsPods(Quarantine, "true").AllowsAllIngress().AllowsAllEgress().Build());
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = await RespondWithAsync(IsolatePolicy, Alert(pod));

        Assert.Equal(
            $"isolate-pod failed: isolation-unverified: NetworkPolicy web/{DefaultPolicy} is already there but allows some ingress, so it does not isolate the pod",
            ReportActions.Of(report)[0]);
    }

    [Theory]
    [InlineData("other-label", "Ingress,Egress", "selects other-label=true instead of the quarantine labels falco-responder/quarantine=true")]
    [InlineData(Quarantine, "Ingress", "covers Ingress only, not both Ingress and Egress")]
    public async Task Isolate_APolicyOfTheNameThatIsNotTheDenyAll_Fails(string selects, string types, string problem)
    {
        Cluster.Add(new NetworkPolicyBuilder("web", DefaultPolicy).SelectsPods(selects, "true").Types(types.Split(',')).Build());
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = await RespondWithAsync(IsolatePolicy, Alert(pod));

        Assert.Equal($"isolate-pod failed: isolation-unverified: NetworkPolicy web/{DefaultPolicy} is already there but {problem}, so it does not isolate the pod", ReportActions.Of(report)[0]);
    }

    [Fact]
    public async Task Isolate_TwoRulesWithTwoQuarantineLabels_GetAPolicyEach()
    {
        var shell = Cluster.AddBarePod("web", "shell", "n1");
        var miner = Cluster.AddBarePod("web", "miner", "n2");
        const string TwoRules = """
            [[policy.rules]]
            name = "isolate-shells"
            continue = false
            [policy.rules.match]
            rules = ["Terminal shell in container"]
            [[policy.rules.actions]]
            action = "isolate-pod"
            labels = { "security.example.com/quarantine" = "shell" }
            [[policy.rules]]
            name = "isolate-miners"
            [policy.rules.match]
            min_severity = "critical"
            [[policy.rules.actions]]
            action = "isolate-pod"
            labels = { "security.example.com/quarantine" = "miner" }
            """;

        var report = await RespondWithAsync(TwoRules, Alert("web", "shell", rule: "Terminal shell in container"), Alert(miner));

        Assert.Equal(["succeeded", "succeeded"], [ReportActions.Status(report, "isolate-pod", 0), ReportActions.Status(report, "isolate-pod", 1)]);
        var selectors = Fake.Requests.Where(r => r.Method == "POST")
            .Select(r => JsonNode.Parse(r.Body)!["spec"]!["podSelector"]!["matchLabels"]!["security.example.com/quarantine"]!.GetValue<string>()).Order();
        Assert.Equal(["miner", "shell"], selectors);
        Assert.Equal("shell", Cluster.Pod("web", shell.Name)!.Labels["security.example.com/quarantine"]);
        Assert.All(["shell", "miner"], value => Assert.True(Cluster.NetworkPolicyExists("web", QuarantinePolicies.NameFor(new Dictionary<string, string> { ["security.example.com/quarantine"] = value }))));
    }

    [Theory]
    [InlineData("app", "In", "ingress and egress")]
    [InlineData("tier", "DoesNotExist", "ingress and egress")]
    public async Task Isolate_AnotherPolicyThatLetsTrafficToThePod_Fails(string key, string op, string allowed)
    {
        Cluster.Add(new NetworkPolicyBuilder("web", "allow-web").SelectsPodsWhere(key, op, op == "In" ? ["shell"] : []).AllowsAllIngress().AllowsAllEgress().Build());
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = await RespondWithAsync(IsolatePolicy, Alert(pod));

        Assert.Equal(
            $"isolate-pod failed: isolation-incomplete: NetworkPolicy web/allow-web also selects the pod and allows {allowed}; policies add up, so the pod is not isolated",
            ReportActions.Of(report)[0]);
    }

    [Fact]
    public async Task Isolate_OtherPoliciesThatDoNotReachThePod_StillIsolated()
    {
        Cluster.Add(new NetworkPolicyBuilder("web", "allow-api").SelectsPods("app", "api").AllowsAllIngress().Build());
        Cluster.Add(new NetworkPolicyBuilder("web", "default-deny").Build());
        Cluster.Add(new NetworkPolicyBuilder("web", "egress-types-only").Types("Ingress").AllowsAllEgress().Build());
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        var report = await RespondWithAsync(IsolatePolicy, Alert(pod));

        Assert.Equal("isolate-pod succeeded", ReportActions.Of(report)[0]);
    }

    [Fact]
    public async Task Isolate_CustomQuarantineLabel_IsTheSelector()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");

        await RespondWithAsync(IsolatePolicy + "\nlabels = { \"security.example.com/quarantine\" = \"falco\" }", Alert(pod));

        Assert.Equal("falco", Cluster.Pod("web", "shell")!.Labels["security.example.com/quarantine"]);
        var policy = JsonNode.Parse(Only("POST", "/apis/networking.k8s.io/v1/namespaces/web/networkpolicies").Body)!;
        Assert.Equal("""{"security.example.com/quarantine":"falco"}""", policy["spec"]!["podSelector"]!["matchLabels"]!.ToJsonString());
    }

    [Fact]
    public async Task Isolate_PodGone_IsSkipped_NoPolicyCreated()
    {
        var report = await RespondWithAsync(IsolatePolicy, Alert("web", "gone"));

        Assert.Equal("isolate-pod skipped: gone: the pod no longer exists", ReportActions.Of(report)[0]);
        Assert.Empty(Writes());
    }
}
