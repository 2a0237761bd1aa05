using k8s.Models;
using Responder.Core.Response;

namespace Responder.Kubernetes;

/// <summary>A target pod as the cluster has it now: the pod, gone (null), or unreadable (the failure).</summary>
internal sealed record PodState(V1Pod? Pod, PortResult? Failure)
{
    public bool Gone => Pod is null && Failure is null;

    public bool Ready => Pod?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false;
}
