namespace Responder.Harness.Kubernetes;

/// <summary>
/// Whole workloads as their controllers leave them in a cluster: owner chains, the labels
/// controllers add, and the naming patterns of their pods.
/// </summary>
public static class ClusterFixtures
{
    /// <summary>Ready nodes with the given names.</summary>
    public static IReadOnlyList<NodeSnapshot> AddNodes(this ClusterState cluster, params string[] names) =>
        [.. names.Select(n => cluster.Add(new NodeBuilder(n)))];

    /// <summary>A pod no controller owns.</summary>
    public static PodSnapshot AddBarePod(this ClusterState cluster, string ns, string name, string node) =>
        cluster.Add(new PodBuilder(ns, name).OnNode(node).Label("app", name));

    /// <summary>A Deployment, its ReplicaSet, and one pod per entry of <paramref name="nodes"/> (a node may repeat).</summary>
    public static WorkloadPods AddDeployment(this ClusterState cluster, string ns, string name, params string[] nodes)
    {
        var hash = StableNames.Suffix(ns + "/" + name, 10);
        var deployment = new DeploymentBuilder(ns, name).Selects("app", name).Replicas(nodes.Length).Label("app", name);
        var replicaSet = new ReplicaSetBuilder(ns, $"{name}-{hash}")
            .Selects("app", name).Selects("pod-template-hash", hash).Replicas(nodes.Length)
            .Label("app", name).Label("pod-template-hash", hash)
            .Annotation("deployment.kubernetes.io/revision", "1")
            .OwnedBy(deployment);
        var stored = cluster.Add(deployment.Build());
        var storedSet = cluster.Add(replicaSet.Build());
        var pods = nodes.Select((node, i) => cluster.Add(
            new PodBuilder(ns, $"{replicaSet.Name}-{StableNames.Suffix($"{replicaSet.Name}#{i}", 5)}")
                .OnNode(node).Label("app", name).Label("pod-template-hash", hash).OwnedBy(replicaSet)));
        return new WorkloadPods(stored, storedSet, [.. pods]);
    }

    /// <summary>A StatefulSet and its pods name-0, name-1, ..., one per entry of <paramref name="nodes"/>.</summary>
    public static WorkloadPods AddStatefulSet(this ClusterState cluster, string ns, string name, params string[] nodes)
    {
        var set = new StatefulSetBuilder(ns, name).Selects("app", name).Replicas(nodes.Length).Label("app", name);
        var stored = cluster.Add(set.Build());
        var pods = nodes.Select((node, i) => cluster.Add(
            new PodBuilder(ns, $"{name}-{i}")
                .OnNode(node).Label("app", name)
                .Label("controller-revision-hash", set.Revision)
                .Label("statefulset.kubernetes.io/pod-name", $"{name}-{i}")
                .Label("apps.kubernetes.io/pod-index", i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .OwnedBy(set)));
        return new WorkloadPods(stored, null, [.. pods]);
    }

    /// <summary>A DaemonSet with one pod on each of <paramref name="nodes"/>, as Falco itself runs.</summary>
    public static WorkloadPods AddDaemonSet(this ClusterState cluster, string ns, string name, params string[] nodes)
    {
        var set = new DaemonSetBuilder(ns, name).Selects("app", name).Replicas(nodes.Length).Label("app", name);
        var stored = cluster.Add(set.Build());
        var pods = nodes.Select(node => cluster.Add(
            new PodBuilder(ns, $"{name}-{StableNames.Suffix($"{name}@{node}", 5)}")
                .OnNode(node).Label("app", name)
                .Label("controller-revision-hash", set.Revision)
                .Label("pod-template-generation", "1")
                .OwnedBy(set)));
        return new WorkloadPods(stored, null, [.. pods]);
    }

    /// <summary>A DaemonSet scheduled on one node, and its pod there.</summary>
    public static PodSnapshot AddDaemonSetPod(this ClusterState cluster, string ns, string name, string node) =>
        cluster.AddDaemonSet(ns, name, node).Pods[0];

    public static ObjectSnapshot AddNetworkPolicy(this ClusterState cluster, string ns, string name, string key, string value) =>
        cluster.Add(new NetworkPolicyBuilder(ns, name).SelectsPods(key, value).Build());
}
