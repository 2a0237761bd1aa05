using System.Text.Json.Nodes;

namespace Responder.TestSupport.Kubernetes;

/// <summary>A NetworkPolicy that denies all ingress and egress of the pods it selects.</summary>
public sealed class NetworkPolicyBuilder(string ns, string name) : ObjectBuilder<NetworkPolicyBuilder>(ResourceType.NetworkPolicies, ns, name)
{
    private readonly JsonObject _podSelector = [];

    public NetworkPolicyBuilder SelectsPods(string key, string value)
    {
        _podSelector[key] = value;
        return this;
    }

    private protected override void Fill(JsonObject obj) => obj["spec"] = new JsonObject
    {
        ["podSelector"] = new JsonObject { ["matchLabels"] = _podSelector.DeepClone() },
        ["policyTypes"] = new JsonArray("Ingress", "Egress"),
        ["ingress"] = new JsonArray(),
        ["egress"] = new JsonArray(),
    };
}
