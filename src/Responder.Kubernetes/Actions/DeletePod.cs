using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>delete-pod: the pod that fired is deleted with the policy's grace period. Nothing to release: its controller replaces it.</summary>
internal sealed class DeletePod : IActioner
{
    public ActionKind Kind => ActionKind.DeletePod;

    public IReadOnlyList<ApiPermission> Permissions { get; } = [new("", "pods", "delete")];

    public IReadOnlyList<string> Undo { get; } = [];

    public Task<PortResult> ExecuteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken) =>
        PodRemoval.DeleteAsync(action, context, cancellationToken);
}
