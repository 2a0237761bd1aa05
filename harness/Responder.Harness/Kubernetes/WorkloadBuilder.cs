using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>What the controllers' objects share: a label selector, a pod template and replica counts.</summary>
public abstract class WorkloadBuilder<TSelf> : ObjectBuilder<TSelf>
    where TSelf : WorkloadBuilder<TSelf>
{
    private readonly JsonObject _selector = [];

    private protected WorkloadBuilder(ResourceType type, string ns, string name)
        : base(type, ns, name)
    {
    }

    private protected int Desired { get; private set; } = 1;

    private protected int Ready { get; private set; } = 1;

    /// <summary>Desired replicas, and how many are ready (all of them unless said).</summary>
    public TSelf Replicas(int desired, int? ready = null)
    {
        Desired = desired;
        Ready = ready ?? desired;
        return (TSelf)this;
    }

    /// <summary>Adds key=value to spec.selector.matchLabels and to the pod template's labels.</summary>
    public TSelf Selects(string key, string value)
    {
        _selector[key] = value;
        return (TSelf)this;
    }

    internal IReadOnlyDictionary<string, string> SelectorLabels => JsonPaths.StringMap(_selector);

    private protected JsonObject Selector() => new() { ["matchLabels"] = _selector.DeepClone() };

    private protected JsonObject Template() => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = _selector.DeepClone() },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "public.ecr.aws/docker/library/nginx:1.27" }),
        },
    };
}
