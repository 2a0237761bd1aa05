namespace Responder.Harness.Kubernetes;

/// <summary>A kind of object the fake serves, with the names the real API uses for it in paths and bodies.</summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced, bool ReturnsDeletedObject)
{
    public static ResourceType Nodes { get; } = new("", "v1", "nodes", "Node", Namespaced: false, ReturnsDeletedObject: false);

    // Pod storage returns the deleted object from DELETE, unlike most resources, which return a Status.
    public static ResourceType Pods { get; } = new("", "v1", "pods", "Pod", Namespaced: true, ReturnsDeletedObject: true);

    public static ResourceType ReplicaSets { get; } = new("apps", "v1", "replicasets", "ReplicaSet", Namespaced: true, ReturnsDeletedObject: false);

    public static ResourceType Deployments { get; } = new("apps", "v1", "deployments", "Deployment", Namespaced: true, ReturnsDeletedObject: false);

    public static ResourceType StatefulSets { get; } = new("apps", "v1", "statefulsets", "StatefulSet", Namespaced: true, ReturnsDeletedObject: false);

    public static ResourceType DaemonSets { get; } = new("apps", "v1", "daemonsets", "DaemonSet", Namespaced: true, ReturnsDeletedObject: false);

    public static ResourceType NetworkPolicies { get; } = new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", Namespaced: true, ReturnsDeletedObject: false);

    public static IReadOnlyList<ResourceType> All { get; } = [Nodes, Pods, ReplicaSets, Deployments, StatefulSets, DaemonSets, NetworkPolicies];

    /// <summary>"v1" for the core group, "group/version" otherwise, as in an object's apiVersion.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>"pods", "replicasets.apps": how error messages name the resource.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
