using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;

namespace Responder.Kubernetes;

/// <summary>The parts of API objects that containment judges and conditions its writes on.</summary>
internal static class Facts
{
    public static PodFacts Of(V1Pod pod) => new(pod.Metadata.NamespaceProperty, pod.Metadata.Name, pod.Metadata.Uid)
    {
        NodeName = pod.Spec?.NodeName,
        Created = pod.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
        Labels = Copy(pod.Metadata.Labels),
        Ready = pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false,
        Controller = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } owner ? (owner.Kind, owner.Name) : null,
    };

    public static NodeFacts Of(V1Node node) => new(node.Metadata.Name)
    {
        Labels = Copy(node.Metadata.Labels),
        Unschedulable = node.Spec?.Unschedulable == true,
        Taints = [.. (node.Spec?.Taints ?? []).Select(t => new NodeTaint(t.Key, t.Value, t.Effect))],
        ResourceVersion = node.Metadata.ResourceVersion,
        ProviderId = node.Spec?.ProviderID,
    };

    private static Dictionary<string, string> Copy(IDictionary<string, string>? labels) =>
        labels is null ? [] : new Dictionary<string, string>(labels, StringComparer.Ordinal);
}
