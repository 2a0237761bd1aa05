using k8s;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Harness;
using Responder.Harness.Kubernetes;
using Responder.Kubernetes.Tests.Containment;

namespace Responder.Kubernetes.Tests.Rbac;

/// <summary>
/// deploy/k8s/rbac.yaml grants exactly what the code asks of the API server. The permissions used are not
/// a list kept here: every action kind (and release) runs against the fake API server, each request it
/// recorded is mapped to the permission the API server's authorizer would check, and that set must equal
/// the role's rules — a missing verb would be a 403 in production, an extra one needless privilege.
/// </summary>
public sealed class RbacContractTests : ContainmentTest
{
    private const string Quarantine = "falco-responder/quarantine";
    private const string QuarantinePolicy = "falco-responder-quarantine";

    // Every pod and node action in one rule; cordon limits opened so every node action really writes; logs capped small
    // so a long one is read again by its tail.
    private const string EveryAction = """
        [containment]
        max_cordoned_share = "100%"
        [evidence]
        bucket = "falco-evidence"
        max_log_bytes_per_container = 1024
        [[policy.rules]]
        name = "everything"
        [policy.rules.match]
        min_severity = "critical"
        [[policy.rules.actions]]
        action = "label-pod"
        [[policy.rules.actions]]
        action = "isolate-pod"
        [[policy.rules.actions]]
        action = "cordon-node"
        [[policy.rules.actions]]
        action = "taint-node"
        [[policy.rules.actions]]
        action = "collect-evidence"
        [[policy.rules.actions]]
        action = "snapshot-node"
        [[policy.rules.actions]]
        action = "evict-pod"
        on_pdb_refusal = "delete"
        [[policy.rules.actions]]
        action = "delete-pod"
        """;

    [Fact]
    public async Task ResponderRole_GrantsExactlyWhatContainmentUses()
    {
        var used = await ContainmentPermissionsAsync();

        var (missing, unused) = Permission.Compare(used, RbacManifest.Load().Role("falco-responder"));

        Assert.Empty(missing);
        Assert.Empty(unused);
    }

    [Fact]
    public async Task DeclaredPermissions_OfTheReadsAndEveryActioner_AreWhatContainmentUses()
    {
        var used = await ContainmentPermissionsAsync();
        var declared = KubernetesClusterActions.ReadPermissions.Concat(Actions.Actioners.All.SelectMany(a => a.Permissions))
            .Select(p => new Permission(p.Group, p.Resource, p.Verb));

        var (missing, unused) = Permission.Compare(used, declared);

        Assert.Empty(missing);
        Assert.Empty(unused);
    }

    [Fact]
    public void ResponderRole_IsBoundToTheAccessEntryGroup_AndReleaseIsNot()
    {
        // The SAM template's access entry puts the function's role in the group falco-responder.
        Assert.Equal(["falco-responder"], RbacManifest.Load().RolesBoundTo("Group", "falco-responder"));
    }

    [Fact]
    public async Task ReleaseRole_GrantsExactlyWhatReleaseUses()
    {
        var used = await ReleasePermissionsAsync();

        var (missing, unused) = Permission.Compare(used, RbacManifest.Load().Role("falco-responder-release"));

        Assert.Empty(missing);
        Assert.Empty(unused);
    }

    [Fact]
    public async Task Compare_ReportsAVerbTakenFromTheRole_AndOneAddedToIt()
    {
        var used = await ContainmentPermissionsAsync();
        var role = RbacManifest.Load().Role("falco-responder");

        var withoutPatch = role.Where(p => p != new Permission("", "pods", "patch"));
        var withEscalate = role.Append(new Permission("", "pods/exec", "create"));

        Assert.Equal(["core pods patch"], Permission.Compare(used, withoutPatch).Missing);
        Assert.Equal(["core pods/exec create"], Permission.Compare(used, withEscalate).Unused);
    }

    [Fact]
    public void Of_MapsRequestsAsTheAuthorizerDoes()
    {
        Cluster.Add(new PodBuilder("shop", "web-1").OnNode("n1"));
        Client.CoreV1.ReadNamespacedPod("web-1", "shop");
        Client.CoreV1.ListPodForAllNamespaces(labelSelector: "a=b");
        Client.NetworkingV1.ListNamespacedNetworkPolicy("shop");

        Assert.Equal(
            ["core pods get", "core pods list", "networking.k8s.io networkpolicies list"],
            Fake.Requests.Select(r => Permission.Of(r).ToString()));
    }

    private async Task<HashSet<Permission>> ContainmentPermissionsAsync()
    {
        Cluster.AddNodes("n3", "n4", "n5", "n6");

        // The default policy (label, cordon, delete) on a Deployment's pod and on a StatefulSet's.
        await RespondAsync(Alert(Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0]));
        await RespondAsync(Alert(Cluster.AddStatefulSet("data", "db", "n3").Pods[0]));

        // Every action on one pod, with a PodDisruptionBudget refusing the eviction (then a delete), and
        // another writer changing the node just before the taint lands (a conflict, so the node is read again).
        // The namespace's quarantine policy is already there (read back and checked before it is trusted).
        var pod = Cluster.AddDeployment("api", "api", "n4", "n5").Pods[0];
        Cluster.WriteLog("api", pod.Name, "app", string.Concat(Enumerable.Range(0, 200).Select(i => $"line {i}\n")));
        Cluster.RefuseEviction("api", pod.Name);
        Cluster.Add(new NetworkPolicyBuilder("api", Actions.QuarantinePolicies.NameFor(new Dictionary<string, string> { [Quarantine] = "true" }))
            .Label("falco-responder/flagged", "true").SelectsPods(Quarantine, "true").Build());
        var raced = false;
        Fake.Faults.Inject(FakeFault.InternalError(), r =>
        {
            if (!raced && r is { Method: "PATCH", Path: "/api/v1/nodes/n4" } && r.Body.Contains("taints", StringComparison.Ordinal))
            {
                raced = true;
                Cluster.Change(ResourceType.Nodes, null, "n4", node => node["metadata"]!["labels"]!["changed"] = "yes");
            }

            return false;
        });
        var report = await RespondWithAsync(EveryAction, Alert(pod));
        Assert.True(raced, "the taint's conflict path did not run");
        Assert.All(ReportActions.Of(report), a => Assert.Contains(" succeeded", a, StringComparison.Ordinal));

        // A drill reads its target before anything is written.
        var target = Cluster.Add(new PodBuilder("drills", "drill-target").OnNode("n6").Label("falco-responder/drill", "true"));
        Assert.Contains("delete-pod succeeded", ReportActions.Of(await RespondToDrillAsync(null, Alert(target))));

        return [.. Fake.Requests.Select(Permission.Of)];
    }

    private async Task<HashSet<Permission>> ReleasePermissionsAsync()
    {
        Cluster.Add(new NodeBuilder("held-1").Unschedulable().Annotation("falco-responder/cordoned", "2026-11-27T10:15:30Z Terminal shell in container"));
        Cluster.Add(new NodeBuilder("held-2").Taint("falco-responder/compromised", "true", "NoSchedule"));
        Cluster.Add(new PodBuilder("web", "shell").OnNode("n1").Label("falco-responder/flagged", "true").Label(Quarantine, "true"));
        Cluster.Add(new NetworkPolicyBuilder("web", QuarantinePolicy).Label("falco-responder/flagged", "true").SelectsPods(Quarantine, "true").Build());

        // --all finds what is held; naming targets reads them one by one.
        var all = await ReleaseAsync(new ReleaseRequest([], []) { All = true });
        Assert.DoesNotContain(all, o => o.Status == ActionStatus.Failed);
        Assert.Equal(4, all.Count(o => o.Status == ActionStatus.Succeeded));
        Cluster.Change(ResourceType.Nodes, null, "held-1", n => n["spec"]!["unschedulable"] = true);
        await ReleaseAsync(new ReleaseRequest(["held-1"], [new PodName("web", "shell")]));

        // A pod quarantined while its namespace's policy is being removed: the policy is put back.
        Cluster.Add(new PodBuilder("api", "old").OnNode("n1").Label("falco-responder/flagged", "true").Label(Quarantine, "true"));
        Cluster.Add(new NetworkPolicyBuilder("api", QuarantinePolicy).Label("falco-responder/flagged", "true").SelectsPods(Quarantine, "true").Build());
        var raced = false;
        Fake.Faults.Inject(FakeFault.InternalError(), r =>
        {
            if (!raced && r is { Method: "DELETE" } && r.Path.EndsWith(QuarantinePolicy, StringComparison.Ordinal))
            {
                raced = true;
                Cluster.Add(new PodBuilder("api", "new").OnNode("n2").Label(Quarantine, "true"));
            }

            return false;
        });
        await ReleaseAsync(new ReleaseRequest([], [new PodName("api", "old")]));
        Assert.True(raced, "the policy's re-creation path did not run");
        Assert.True(Cluster.NetworkPolicyExists("api", QuarantinePolicy));

        return [.. Fake.Requests.Select(Permission.Of)];
    }

    // Release disposes the client it is given: each run gets its own.
    private Task<IReadOnlyList<ReleaseOutcome>> ReleaseAsync(ReleaseRequest request) =>
        ClusterRelease.RunAsync(_ => Task.FromResult<IKubernetes>(FakeClient.For(Fake)), request, TestConfig.Default(), CancellationToken.None);
}
