using Responder.Core.Policy;

namespace Responder.Core.Containment;

/// <summary>A node as the API server has it.</summary>
public sealed record NodeFacts(string Name)
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public bool Unschedulable { get; init; }

    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];

    /// <summary>spec.providerID, which names the cloud instance (aws:///zone/instance-id on EKS); null when the node has none.</summary>
    public string? ProviderId { get; init; }

    /// <summary>The version read, which a read-modify-write of the taint list is conditioned on.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>
    /// Whether new pods can land here: neither cordoned nor carrying a NoSchedule or NoExecute taint, whoever put it
    /// there. A tainted node takes no ordinary workload, so it counts as unschedulable for the share and the last-node rule.
    /// </summary>
    public bool Schedulable => !Unschedulable && !Taints.Any(t => t.KeepsPodsOff);
}
