using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>A node as an EKS worker reports itself: Ready, schedulable and untainted unless told otherwise.</summary>
public sealed class NodeBuilder(string name) : ObjectBuilder<NodeBuilder>(ResourceType.Nodes, null, name)
{
    private readonly JsonArray _taints = [];
    private bool _unschedulable;
    private bool _ready = true;
    private string? _providerId;
    private bool _noProviderId;

    /// <summary>spec.providerID: aws:///zone/instance-id on EKS; by default an instance id made from the name.</summary>
    public NodeBuilder ProviderId(string? providerId)
    {
        _providerId = providerId;
        _noProviderId = providerId is null;
        return this;
    }

    public NodeBuilder Unschedulable(bool value = true)
    {
        _unschedulable = value;
        return this;
    }

    public NodeBuilder Taint(string key, string? value, string effect)
    {
        var taint = new JsonObject { ["key"] = key };
        if (value is not null)
        {
            taint["value"] = value;
        }

        taint["effect"] = effect;
        _taints.Add(taint);
        return this;
    }

    public NodeBuilder NotReady()
    {
        _ready = false;
        return this;
    }

    private protected override void Fill(JsonObject obj)
    {
        var spec = new JsonObject();
        if (!_noProviderId)
        {
            spec["providerID"] = _providerId ?? $"aws:///eu-west-1a/i-0{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Name)))[..16]}";
        }

        if (_unschedulable)
        {
            spec["unschedulable"] = true;
        }

        if (_taints.Count > 0)
        {
            spec["taints"] = _taints.DeepClone();
        }

        obj["spec"] = spec;
        obj["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = _ready ? "True" : "False",
                ["reason"] = _ready ? "KubeletReady" : "KubeletNotReady",
                ["message"] = _ready ? "kubelet is posting ready status" : "container runtime is down",
            }),
            ["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = "10.0.1.10" },
                new JsonObject { ["type"] = "Hostname", ["address"] = Name }),
            ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.31.2-eks-7f9249a", ["containerRuntimeVersion"] = "containerd://1.7.22" },
        };
    }
}
