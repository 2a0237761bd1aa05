using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>What every object builder sets: identity, labels, annotations and owners.</summary>
public abstract class ObjectBuilder<TSelf>
    where TSelf : ObjectBuilder<TSelf>
{
    private readonly JsonObject _labels = [];
    private readonly JsonObject _annotations = [];
    private readonly JsonArray _owners = [];

    // Objects a test sets up were there before the alerts about them (the fixtures' alerts are from May 2024).
    private DateTimeOffset _created = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private protected ObjectBuilder(ResourceType type, string? ns, string name)
    {
        Type = type;
        Namespace = ns;
        Name = name;
    }

    public ResourceType Type { get; }

    public string? Namespace { get; }

    public string Name { get; }

    /// <summary>Chosen up front so that owners can be linked before anything is stored.</summary>
    public string Uid { get; private set; } = Guid.NewGuid().ToString();

    public TSelf WithUid(string uid)
    {
        Uid = uid;
        return (TSelf)this;
    }

    /// <summary>When the API server made the object: a namesake made after an alert is a replacement, not the pod that fired.</summary>
    public TSelf CreatedAt(DateTimeOffset created)
    {
        _created = created;
        return (TSelf)this;
    }

    public TSelf Label(string key, string value)
    {
        _labels[key] = value;
        return (TSelf)this;
    }

    public TSelf Annotation(string key, string value)
    {
        _annotations[key] = value;
        return (TSelf)this;
    }

    /// <summary>An ownerReference, as a controller sets it on what it creates.</summary>
    public TSelf OwnedBy(ResourceType ownerType, string ownerName, string ownerUid, bool controller = true)
    {
        _owners.Add(new JsonObject
        {
            ["apiVersion"] = ownerType.ApiVersion,
            ["kind"] = ownerType.Kind,
            ["name"] = ownerName,
            ["uid"] = ownerUid,
            ["controller"] = controller,
            ["blockOwnerDeletion"] = true,
        });
        return (TSelf)this;
    }

    public TSelf OwnedBy<TOwner>(ObjectBuilder<TOwner> owner)
        where TOwner : ObjectBuilder<TOwner> =>
        OwnedBy(owner.Type, owner.Name, owner.Uid);

    public JsonObject Build()
    {
        var meta = new JsonObject { ["name"] = Name };
        if (Namespace is not null)
        {
            meta["namespace"] = Namespace;
        }

        meta["uid"] = Uid;
        meta["creationTimestamp"] = _created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        meta["generation"] = 1;
        Add(meta, "labels", _labels);
        Add(meta, "annotations", _annotations);
        Add(meta, "ownerReferences", _owners);
        var obj = new JsonObject { ["apiVersion"] = Type.ApiVersion, ["kind"] = Type.Kind, ["metadata"] = meta };
        Fill(obj);
        return obj;
    }

    internal IReadOnlyDictionary<string, string> Labels => JsonPaths.StringMap(_labels);

    /// <summary>Adds spec and status.</summary>
    private protected abstract void Fill(JsonObject obj);

    private static void Add(JsonObject meta, string field, JsonNode node)
    {
        if (node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
        {
            meta[field] = node.DeepClone();
        }
    }
}
