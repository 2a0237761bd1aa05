using System.Globalization;
using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// The objects behind one lock, with the server's write rules: a cluster-wide resourceVersion that
/// every write bumps (as etcd's revision), uid and creationTimestamp set once, stale writes and
/// failed preconditions refused. Reads and results are copies; nothing outside holds stored nodes.
/// </summary>
internal sealed class ObjectStore(TimeProvider time, DisruptionBudgets budgets)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceKey, JsonObject> _objects = [];
    private readonly List<DeletionRecord> _deletions = [];
    private long _revision = 1000;

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

    /// <summary>Forgets every object and deletion, for a test that runs many clusters on one server.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _objects.Clear();
            _deletions.Clear();
        }
    }

    public JsonObject? Read(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(ResourceKey.Of(type, ns, name), out var obj) ? Copy(obj) : null;
        }
    }

    public IReadOnlyList<JsonObject> List(ResourceType type, string? ns)
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

    public JsonObject Create(ResourceType type, string? ns, JsonObject body, bool dryRun)
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
    public JsonObject Update(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> change, bool dryRun)
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

            // As the API server's validation of an update: a write that names another uid is refused, not applied.
            if (JsonPaths.String(meta, "uid") is { } uid && uid != JsonPaths.String(stored, "uid"))
            {
                throw ApiStatusException.Immutable(type, name, "metadata.uid", uid);
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

    public JsonObject Delete(ResourceType type, string? ns, string name, DeleteRequest request)
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

            if (request.RespectsDisruptionBudgets && budgets.Refusing(new PodSnapshot(Copy(current))) is { } budget)
            {
                throw ApiStatusException.DisruptionBudget(budget);
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
                _deletions.Add(new DeletionRecord(type, type.Namespaced ? ns : null, name, uid, request.GracePeriodSeconds, request.Via, time.GetUtcNow()));
            }

            return deleted;
        }
    }

    private static long DefaultGracePeriodSeconds(JsonObject pod) =>
        JsonPaths.Long(pod, "spec", "terminationGracePeriodSeconds") ?? 30;

    // A dry run reports the version the write would have had without spending it.
    private string NextRevision(bool dryRun) =>
        (dryRun ? _revision + 1 : ++_revision).ToString(CultureInfo.InvariantCulture);

    private string Timestamp() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Copy(JsonObject obj) => obj.DeepClone().AsObject();
}
