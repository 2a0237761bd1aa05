using System.Globalization;
using System.Text.Json.Nodes;

namespace Responder.TestSupport.Kubernetes;

/// <summary>
/// The objects the fake API server holds, in memory, behind one lock. Every write bumps a
/// cluster-wide resourceVersion, as etcd's revision does; reads hand out copies.
/// </summary>
public sealed class ClusterState(TimeProvider? time = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceKey, JsonObject> _objects = [];
    private readonly List<EvictionRefusal> _refusals = [];
    private readonly List<DeletionRecord> _deletions = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _revision = 1000;

    /// <summary>Stores a new object (any served kind, e.g. from a builder); fills uid, resourceVersion and creationTimestamp when absent.</summary>
    public ObjectSnapshot Add(JsonObject obj)
    {
        var type = TypeOf(obj);
        var meta = JsonPaths.Metadata(obj);
        var name = JsonPaths.String(meta, "name") ?? throw new ArgumentException("metadata.name is required", nameof(obj));
        var ns = JsonPaths.String(meta, "namespace");
        if (type.Namespaced && ns is null)
        {
            throw new ArgumentException($"a {type.Kind} needs metadata.namespace", nameof(obj));
        }

        return Snapshot(Create(type, ns, obj, dryRun: false));
    }

    public NodeSnapshot Add(NodeBuilder node) => (NodeSnapshot)Add(node.Build());

    public PodSnapshot Add(PodBuilder pod) => (PodSnapshot)Add(pod.Build());

    /// <summary>The node; throws when there is none, since tests name nodes they made.</summary>
    public NodeSnapshot Node(string name) =>
        (NodeSnapshot?)Get(ResourceType.Nodes, null, name) ?? throw new InvalidOperationException($"no node {name}");

    public IReadOnlyList<NodeSnapshot> Nodes() => [.. List(ResourceType.Nodes, null).Select(o => new NodeSnapshot(o))];

    /// <summary>The pod, or null when it does not exist (deleted or evicted).</summary>
    public PodSnapshot? Pod(string ns, string name) => (PodSnapshot?)Get(ResourceType.Pods, ns, name);

    /// <summary>Pods in one namespace, or in all when <paramref name="ns"/> is null.</summary>
    public IReadOnlyList<PodSnapshot> Pods(string? ns = null) => [.. List(ResourceType.Pods, ns).Select(o => new PodSnapshot(o))];

    public bool NetworkPolicyExists(string ns, string name) => Get(ResourceType.NetworkPolicies, ns, name) is not null;

    public ObjectSnapshot? Get(ResourceType type, string? ns, string name) =>
        Read(type, ns, name) is { } obj ? Snapshot(obj) : null;

    /// <summary>Objects removed by DELETE or eviction, oldest first.</summary>
    public IReadOnlyList<DeletionRecord> Deletions
    {
        get
        {
            lock (_gate)
            {
                return [.. _deletions];
            }
        }
    }

    /// <summary>The resourceVersion the last write produced.</summary>
    public string ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _revision.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>A disruption budget refuses every eviction of this pod (429) until cleared.</summary>
    public void RefuseEviction(string ns, string pod, string budget = "pdb") => AddRefusal(new(ns, pod, null, null, budget));

    /// <summary>A disruption budget refuses evictions of the namespace's pods labelled key=value.</summary>
    public void RefuseEvictionsByLabel(string ns, string key, string value, string budget = "pdb") => AddRefusal(new(ns, null, key, value, budget));

    public void ClearEvictionRefusals()
    {
        lock (_gate)
        {
            _refusals.Clear();
        }
    }

    internal JsonObject? Read(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(ResourceKey.Of(type, ns, name), out var obj) ? Copy(obj) : null;
        }
    }

    internal IReadOnlyList<JsonObject> List(ResourceType type, string? ns)
    {
        lock (_gate)
        {
            return
            [
                .. _objects
                    .Where(e => e.Key.Type == type && (ns is null || e.Key.Namespace == ns))
                    .OrderBy(e => e.Key.Namespace, StringComparer.Ordinal)
                    .ThenBy(e => e.Key.Name, StringComparer.Ordinal)
                    .Select(e => Copy(e.Value)),
            ];
        }
    }

    internal JsonObject Create(ResourceType type, string? ns, JsonObject body, bool dryRun)
    {
        var obj = Copy(body);
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        var meta = JsonPaths.Metadata(obj);
        var name = JsonPaths.String(meta, "name") ?? throw ApiStatusException.BadRequest("name or generateName is required");
        if (type.Namespaced)
        {
            meta["namespace"] = ns;
        }

        lock (_gate)
        {
            var key = ResourceKey.Of(type, ns, name);
            if (_objects.ContainsKey(key))
            {
                throw ApiStatusException.AlreadyExists(type, name);
            }

            meta["uid"] ??= Guid.NewGuid().ToString();
            meta["creationTimestamp"] ??= Timestamp();
            meta["resourceVersion"] = NextRevision(dryRun);
            if (!dryRun)
            {
                _objects[key] = Copy(obj);
            }

            return obj;
        }
    }

    /// <summary>
    /// Replaces an object with what <paramref name="change"/> makes of a copy of it. Identity fields
    /// cannot change; a resourceVersion in the result that is not the stored one is a stale write (409).
    /// </summary>
    internal JsonObject Update(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> change, bool dryRun)
    {
        lock (_gate)
        {
            var key = ResourceKey.Of(type, ns, name);
            if (!_objects.TryGetValue(key, out var current))
            {
                throw ApiStatusException.NotFound(type, name);
            }

            var updated = change(Copy(current));
            var stored = JsonPaths.Metadata(current);
            var meta = JsonPaths.Metadata(updated);
            var asked = JsonPaths.String(meta, "resourceVersion");
            if (asked is not null && asked != JsonPaths.String(stored, "resourceVersion"))
            {
                throw ApiStatusException.StaleResourceVersion(type, name);
            }

            updated["apiVersion"] = type.ApiVersion;
            updated["kind"] = type.Kind;
            foreach (var field in (string[])["name", "namespace", "uid", "creationTimestamp"])
            {
                meta.Remove(field);
                if (stored[field] is { } value)
                {
                    meta[field] = value.DeepClone();
                }
            }

            // As etcd does, a write that changes nothing is not a write: no new resourceVersion.
            meta["resourceVersion"] = stored["resourceVersion"]?.DeepClone();
            if (JsonNode.DeepEquals(updated, current))
            {
                return updated;
            }

            meta["resourceVersion"] = NextRevision(dryRun);
            if (!dryRun)
            {
                _objects[key] = Copy(updated);
            }

            return updated;
        }
    }

    internal JsonObject Delete(ResourceType type, string? ns, string name, DeleteRequest request)
    {
        lock (_gate)
        {
            var key = ResourceKey.Of(type, ns, name);
            if (!_objects.TryGetValue(key, out var current))
            {
                throw ApiStatusException.NotFound(type, name);
            }

            var meta = JsonPaths.Metadata(current);
            var uid = JsonPaths.String(meta, "uid") ?? string.Empty;
            if (request.UidPrecondition is { } wantedUid && wantedUid != uid)
            {
                throw ApiStatusException.Conflict(type, name, $"Precondition failed: UID in precondition: {wantedUid}, UID in object meta: {uid}");
            }

            var version = JsonPaths.String(meta, "resourceVersion");
            if (request.ResourceVersionPrecondition is { } wantedVersion && wantedVersion != version)
            {
                throw ApiStatusException.Conflict(type, name, $"Precondition failed: ResourceVersion in precondition: {wantedVersion}, ResourceVersion in object meta: {version}");
            }

            if (request.RespectsDisruptionBudgets && _refusals.FirstOrDefault(r => r.Covers(new PodSnapshot(current))) is { } refusal)
            {
                throw ApiStatusException.DisruptionBudget(refusal.Budget);
            }

            var deleted = Copy(current);
            var deletedMeta = JsonPaths.Metadata(deleted);
            if (type == ResourceType.Pods)
            {
                // How the object looks as the server hands it back: marked for graceful deletion.
                deletedMeta["deletionTimestamp"] = Timestamp();
                deletedMeta["deletionGracePeriodSeconds"] = request.GracePeriodSeconds ?? DefaultGracePeriodSeconds(current);
            }

            deletedMeta["resourceVersion"] = NextRevision(request.DryRun);
            if (!request.DryRun)
            {
                _objects.Remove(key);
                _deletions.Add(new DeletionRecord(type, type.Namespaced ? ns : null, name, uid, request.GracePeriodSeconds, request.Via, _time.GetUtcNow()));
            }

            return deleted;
        }
    }

    private static long DefaultGracePeriodSeconds(JsonObject pod) =>
        JsonPaths.Long(pod, "spec", "terminationGracePeriodSeconds") ?? 30;

    private void AddRefusal(EvictionRefusal refusal)
    {
        lock (_gate)
        {
            _refusals.Add(refusal);
        }
    }

    // A dry run reports the version the write would have had without spending it.
    private string NextRevision(bool dryRun) =>
        (dryRun ? _revision + 1 : ++_revision).ToString(CultureInfo.InvariantCulture);

    private string Timestamp() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Copy(JsonObject obj) => obj.DeepClone().AsObject();

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
