using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// What the fake API server holds, in memory and thread-safe: add objects (builders, fixtures in
/// <see cref="ClusterFixtures"/>), read them back as snapshots, and switch disruption budgets.
/// </summary>
public sealed class ClusterState
{
    private readonly DisruptionBudgets _budgets = new();

    public ClusterState(TimeProvider? time = null) => Store = new ObjectStore(time ?? TimeProvider.System, _budgets);

    internal ObjectStore Store { get; }

    internal PodLogs Logs { get; } = new();

    /// <summary>An empty cluster again: no objects, no deletions, no disruption budgets, no logs.</summary>
    public void Clear()
    {
        Store.Clear();
        _budgets.Clear();
        Logs.Clear();
    }

    /// <summary>What a container of the pod has logged; <paramref name="previous"/>: its instance before the last restart.</summary>
    public void WriteLog(string ns, string pod, string container, string text, bool previous = false) => Logs.Write(ns, pod, container, text, previous);

    /// <summary>The container has not started (its current log is refused with the API server's 400), e.g. "ContainerCreating".</summary>
    public void ContainerWaiting(string ns, string pod, string container, string reason = "ContainerCreating") => Logs.Waiting(ns, pod, container, reason);

    /// <summary>Stores a new object (any served kind, e.g. from a builder); fills uid, resourceVersion and creationTimestamp when absent.</summary>
    public ObjectSnapshot Add(JsonObject obj)
    {
        var type = TypeOf(obj);
        var meta = JsonPaths.Metadata(obj);
        _ = JsonPaths.String(meta, "name") ?? throw new ArgumentException("metadata.name is required", nameof(obj));
        var ns = JsonPaths.String(meta, "namespace");
        if (type.Namespaced && ns is null)
        {
            throw new ArgumentException($"a {type.Kind} needs metadata.namespace", nameof(obj));
        }

        return Snapshot(Store.Create(type, ns, obj, dryRun: false));
    }

    /// <summary>Another writer changes the object (a new resourceVersion), as a controller or a person would meanwhile.</summary>
    public ObjectSnapshot Change(ResourceType type, string? ns, string name, Action<JsonObject> change) =>
        Snapshot(Store.Update(type, ns, name, obj =>
        {
            change(obj);
            return obj;
        }, dryRun: false));

    /// <summary>Another writer deletes the object (a controller replacing a pod, say); it is gone at once.</summary>
    public void Remove(ResourceType type, string? ns, string name) =>
        Store.Delete(type, ns, name, new DeleteRequest(null, null, null, "out-of-band", DryRun: false));

    public NodeSnapshot Add(NodeBuilder node) => (NodeSnapshot)Add(node.Build());

    public PodSnapshot Add(PodBuilder pod) => (PodSnapshot)Add(pod.Build());

    /// <summary>The node; throws when there is none, since tests name nodes they made.</summary>
    public NodeSnapshot Node(string name) =>
        (NodeSnapshot?)Get(ResourceType.Nodes, null, name) ?? throw new InvalidOperationException($"no node {name}");

    public IReadOnlyList<NodeSnapshot> Nodes() => [.. Store.List(ResourceType.Nodes, null).Select(o => new NodeSnapshot(o))];

    /// <summary>The pod, or null when it does not exist (deleted or evicted).</summary>
    public PodSnapshot? Pod(string ns, string name) => (PodSnapshot?)Get(ResourceType.Pods, ns, name);

    /// <summary>Pods in one namespace, or in all when <paramref name="ns"/> is null.</summary>
    public IReadOnlyList<PodSnapshot> Pods(string? ns = null) => [.. Store.List(ResourceType.Pods, ns).Select(o => new PodSnapshot(o))];

    public bool NetworkPolicyExists(string ns, string name) => Get(ResourceType.NetworkPolicies, ns, name) is not null;

    public ObjectSnapshot? Get(ResourceType type, string? ns, string name) =>
        Store.Read(type, ns, name) is { } obj ? Snapshot(obj) : null;

    /// <summary>Objects removed by DELETE or eviction, oldest first.</summary>
    public IReadOnlyList<DeletionRecord> Deletions => Store.Deletions;

    /// <summary>The resourceVersion the last write produced.</summary>
    public string ResourceVersion => Store.ResourceVersion;

    /// <summary>A disruption budget refuses every eviction of this pod (429) until cleared.</summary>
    public void RefuseEviction(string ns, string pod, string budget = "pdb") => _budgets.Add(new(ns, pod, null, null, budget));

    /// <summary>A disruption budget refuses evictions of the namespace's pods labelled key=value.</summary>
    public void RefuseEvictionsByLabel(string ns, string key, string value, string budget = "pdb") => _budgets.Add(new(ns, null, key, value, budget));

    public void ClearEvictionRefusals() => _budgets.Clear();

    private static ObjectSnapshot Snapshot(JsonObject obj) => JsonPaths.String(obj, "kind") switch
    {
        "Node" => new NodeSnapshot(obj),
        "Pod" => new PodSnapshot(obj),
        _ => new ObjectSnapshot(obj),
    };

    private static ResourceType TypeOf(JsonObject obj)
    {
        var apiVersion = JsonPaths.String(obj, "apiVersion");
        var kind = JsonPaths.String(obj, "kind");
        return ResourceType.All.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind)
            ?? throw new ArgumentException($"the fake does not serve {apiVersion} {kind}", nameof(obj));
    }
}
