using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>
/// Random clusters, one at a time on one fake server (pods on nodes, protected and tainted nodes) and random alerts about them (hostnames that agree
/// with the pod's node or not, audit alerts, uids that match or not, namesakes made after the alert, pods gone), run
/// with dry run off against the fake API server. Whatever the mix: no write touches a protected node or namespace or
/// a replaced pod, never more nodes leave scheduling than the share and the last-node rule allow, and every action
/// the report says succeeded is true in the server's final state.
/// </summary>
public sealed class ContainmentPropertyTests : ContainmentTest
{
    private const string ProtectedLabel = "role=system";
    private static readonly string[] Namespaces = ["shop", "payments", "kube-system", "falco"];
    private static readonly string[] Effects = ["NoSchedule", "NoExecute", "PreferNoSchedule"];
    private static readonly string[] Shares = ["30%", "50%", "100%"];
    private static readonly DateTimeOffset Fired = new(2024, 5, 4, 4, 20, 0, TimeSpan.Zero);
    private const string FiredAt = "2024-05-04T04:20:00.000000000Z";

    private static readonly Gen<NodeSpec> Node = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 9], (protect, state) => new NodeSpec(
        protect switch { 0 => Protection.ByName, 1 => Protection.ByLabel, _ => Protection.None },
        state switch { 0 => NodeState.Cordoned, 1 => NodeState.TaintedByOthers, _ => NodeState.Schedulable }));

    private static readonly Gen<PodSpec> Pod = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 5], Gen.Int[0, 6], Gen.Int[0, 6], Gen.Int[0, 3],
        (ns, node, identity, host, source) => new PodSpec(Namespaces[ns], node, IdentityOf(identity), host, Audit: source == 0));

    private static readonly Gen<World> Worlds = Gen.Select(Node.Array[2, 6], Pod.Array[1, 6], Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[1, 8],
        (nodes, pods, effect, share, maxCordons) => new World(nodes, pods, Effects[effect], Shares[share], maxCordons));

    [Fact]
    public Task RandomClustersAndAlerts_NoGuardrailIsPassed_AndEverySuccessIsTrue() =>
        Worlds.SampleAsync(CheckAsync, iter: 120, threads: 1);

    private async Task CheckAsync(World world)
    {
        Cluster.Clear();
        Fake.ClearRequests();
        var setup = Build(world);

        var report = await RespondWithAsync(Policy(world), [.. setup.Alerts]);

        var writes = Fake.Requests.Where(r => r.Method != "GET" && r.StatusCode is >= 200 and < 300).ToList();
        foreach (var write in writes)
        {
            Assert.DoesNotContain(write.Path, setup.Forbidden);
        }

        var nodesWritten = writes.Select(w => w.Path).Where(p => p.StartsWith("/api/v1/nodes/", StringComparison.Ordinal))
            .Select(p => p["/api/v1/nodes/".Length..]).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(setup.Reachable, nodesWritten);
        Assert.True(nodesWritten.Count <= world.MaxCordons, $"{nodesWritten.Count} nodes written, max_cordons = {world.MaxCordons}");

        var nodes = Cluster.Nodes();
        var outAfter = nodes.Count(n => !Schedulable(n));
        if (outAfter > setup.OutBefore)
        {
            var share = double.Parse(world.Share.TrimEnd('%'), CultureInfo.InvariantCulture) / 100;
            Assert.True(outAfter <= Math.Max(1, (int)Math.Floor(share * nodes.Count)), $"{outAfter} of {nodes.Count} nodes out of scheduling at share {world.Share}");
            Assert.True(outAfter < nodes.Count, "no schedulable node left");
        }

        for (var i = 0; i < setup.Alerts.Count; i++)
        {
            foreach (var action in report["alerts"]![i]!["actions"]!.AsArray().Where(a => (string?)a!["status"] == "succeeded"))
            {
                AssertTrue(action!.AsObject(), setup.Genuine[i]);
            }
        }
    }

    // A success must be a fact in the cluster now (a labelled pod may since have been deleted by the same batch).
    private void AssertTrue(JsonObject action, (string Namespace, string Name, string Uid)? pod)
    {
        var target = (string)action["target"]!;
        switch ((string)action["action"]!)
        {
            case "cordon-node":
                Assert.True(Cluster.Node(target).Unschedulable, $"cordon of {target} reported but the node is schedulable");
                break;
            case "taint-node":
                Assert.Contains(Cluster.Node(target).Taints, t => t.Key == "falco-responder/compromised");
                break;
            case "label-pod":
                Assert.NotNull(pod);
                var now = Cluster.Pod(pod.Value.Namespace, pod.Value.Name);
                Assert.True(
                    (now?.Uid == pod.Value.Uid && now.Labels.ContainsKey("falco-responder/flagged"))
                    || Cluster.Deletions.Any(d => d.Uid == pod.Value.Uid),
                    $"label of {target} reported but the pod that fired carries none");
                break;
            case "delete-pod":
                Assert.True(pod is null || Cluster.Pod(pod.Value.Namespace, pod.Value.Name)?.Uid != pod.Value.Uid, $"delete of {target} reported but the pod is there");
                break;
        }
    }

    private Setup Build(World world)
    {
        var names = new List<string>();
        var forbidden = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < world.Nodes.Length; i++)
        {
            var spec = world.Nodes[i];
            var name = spec.Protection == Protection.ByName ? $"system-{i}" : $"w{i}";
            var node = new NodeBuilder(name).Unschedulable(spec.State == NodeState.Cordoned);
            if (spec.Protection == Protection.ByLabel)
            {
                node.Label("role", "system");
            }

            if (spec.State == NodeState.TaintedByOthers)
            {
                node.Taint("dedicated", "gpu", "NoSchedule");
            }

            Cluster.Add(node);
            names.Add(name);
            if (spec.Protection != Protection.None)
            {
                forbidden.Add($"/api/v1/nodes/{name}");
            }
        }

        var alerts = new List<string>();
        var genuine = new List<(string, string, string)?>();
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < world.Pods.Length; i++)
        {
            var spec = world.Pods[i];
            var podName = $"pod-{i}";
            var node = names[spec.Node % names.Count];
            var hostname = spec.Host < names.Count ? names[spec.Host] : "ip-10-9-9-9.ec2.internal";
            var path = $"/api/v1/namespaces/{spec.Namespace}/pods/{podName}";
            var isProtected = spec.Namespace is "kube-system" or "falco";
            string? alertUid = null;
            (string, string, string)? fired = null;
            switch (spec.Identity)
            {
                case Identity.Gone:
                    // The pod is gone: a syscall alert's hostname is where it ran.
                    if (!spec.Audit && !isProtected)
                    {
                        reachable.Add(hostname);
                    }

                    break;
                case Identity.OtherUid:
                    Cluster.Add(new PodBuilder(spec.Namespace, podName).OnNode(node));
                    alertUid = Guid.NewGuid().ToString();
                    forbidden.Add(path);
                    break;
                case Identity.CreatedAfter:
                    Cluster.Add(new PodBuilder(spec.Namespace, podName).OnNode(node).CreatedAt(Fired.AddMinutes(5)));
                    forbidden.Add(path);
                    break;
                default:
                    var pod = Cluster.Add(new PodBuilder(spec.Namespace, podName).OnNode(node).CreatedAt(Fired.AddHours(-1)));
                    alertUid = spec.Identity == Identity.SameUid ? pod.Uid : null;
                    fired = (spec.Namespace, podName, pod.Uid);
                    if (!isProtected)
                    {
                        reachable.Add(node);
                    }

                    break;
            }

            if (isProtected)
            {
                forbidden.Add(path);
            }

            alerts.Add(Alert(spec.Namespace, podName, hostname: hostname, uid: alertUid, source: spec.Audit ? "k8s_audit" : null, time: FiredAt));
            genuine.Add(fired);
        }

        var outBefore = Cluster.Nodes().Count(n => !Schedulable(n));
        return new Setup(alerts, genuine, forbidden, reachable, outBefore);
    }

    private static string Policy(World world) => $$"""
        [policy]
        protected_nodes = ["system-*"]
        [containment]
        protected_node_labels = ["{{ProtectedLabel}}"]
        max_cordoned_share = "{{world.Share}}"
        [state]
        max_cordons = {{world.MaxCordons}}
        dedupe_window_seconds = 0
        [[policy.rules]]
        name = "everything"
        [[policy.rules.actions]]
        action = "label-pod"
        [[policy.rules.actions]]
        action = "cordon-node"
        [[policy.rules.actions]]
        action = "taint-node"
        effect = "{{world.Effect}}"
        [[policy.rules.actions]]
        action = "delete-pod"
        """;

    // The pod that fired is the likelier case: seven draws, two for each way of naming it.
    private static Identity IdentityOf(int draw) => draw switch
    {
        0 or 1 => Identity.SameUid,
        2 or 3 => Identity.NoUidCreatedBefore,
        4 => Identity.OtherUid,
        5 => Identity.CreatedAfter,
        _ => Identity.Gone,
    };

    private static bool Schedulable(NodeSnapshot node) => !node.Unschedulable && !node.Taints.Any(t => t.Effect is "NoSchedule" or "NoExecute");

    private enum Protection
    {
        None,
        ByName,
        ByLabel,
    }

    private enum NodeState
    {
        Schedulable,
        Cordoned,
        TaintedByOthers,
    }

    private enum Identity
    {
        SameUid,
        NoUidCreatedBefore,
        OtherUid,
        CreatedAfter,
        Gone,
    }

    private sealed record NodeSpec(Protection Protection, NodeState State);

    private sealed record PodSpec(string Namespace, int Node, Identity Identity, int Host, bool Audit);

    private sealed record World(NodeSpec[] Nodes, PodSpec[] Pods, string Effect, string Share, int MaxCordons)
    {
        public override string ToString() =>
            $"nodes [{string.Join(", ", Nodes.Select(n => $"{n.Protection}/{n.State}"))}] pods [{string.Join(", ", Pods.Select(p => $"{p.Namespace}@{p.Node}:{p.Identity}:host{p.Host}{(p.Audit ? ":audit" : "")}"))}] {Effect} {Share} max {MaxCordons}";
    }

    private sealed record Setup(
        IReadOnlyList<string> Alerts, IReadOnlyList<(string Namespace, string Name, string Uid)?> Genuine, HashSet<string> Forbidden, HashSet<string> Reachable, int OutBefore);
}
