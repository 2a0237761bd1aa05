using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>A NetworkPolicy; by default it denies all ingress and egress of the pods it selects (none selected: every pod).</summary>
public sealed class NetworkPolicyBuilder(string ns, string name) : ObjectBuilder<NetworkPolicyBuilder>(ResourceType.NetworkPolicies, ns, name)
{
    private readonly JsonObject _podSelector = [];
    private readonly JsonArray _expressions = [];
    private readonly JsonArray _ingress = [];
    private readonly JsonArray _egress = [];
    private string[] _types = ["Ingress", "Egress"];

    public NetworkPolicyBuilder SelectsPods(string key, string value)
    {
        _podSelector[key] = value;
        return this;
    }

    /// <summary>A matchExpressions entry: In, NotIn, Exists or DoesNotExist.</summary>
    public NetworkPolicyBuilder SelectsPodsWhere(string key, string op, params string[] values)
    {
        var expression = new JsonObject { ["key"] = key, ["operator"] = op };
        if (values.Length > 0)
        {
            expression["values"] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
        }

        _expressions.Add(expression);
        return this;
    }

    /// <summary>An ingress rule with no peers: every source may connect.</summary>
    public NetworkPolicyBuilder AllowsAllIngress()
    {
        _ingress.Add(new JsonObject());
        return this;
    }

    /// <summary>An egress rule with no peers: every destination may be reached.</summary>
    public NetworkPolicyBuilder AllowsAllEgress()
    {
        _egress.Add(new JsonObject());
        return this;
    }

    /// <summary>spec.policyTypes; none leaves the field out, as a policy written without it.</summary>
    public NetworkPolicyBuilder Types(params string[] types)
    {
        _types = types;
        return this;
    }

    private protected override void Fill(JsonObject obj)
    {
        var selector = new JsonObject { ["matchLabels"] = _podSelector.DeepClone() };
        if (_expressions.Count > 0)
        {
            selector["matchExpressions"] = _expressions.DeepClone();
        }

        var spec = new JsonObject { ["podSelector"] = selector };
        if (_types.Length > 0)
        {
            spec["policyTypes"] = new JsonArray([.. _types.Select(t => (JsonNode?)t)]);
        }

        spec["ingress"] = _ingress.DeepClone();
        spec["egress"] = _egress.DeepClone();
        obj["spec"] = spec;
    }
}
