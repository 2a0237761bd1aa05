using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>label-pod: the evidence labels and annotations on the pod that fired. Release keeps them: they are the record.</summary>
internal sealed class LabelPod : IActioner
{
    public ActionKind Kind => ActionKind.LabelPod;

    public IReadOnlyList<ApiPermission> Permissions { get; } = [new("", "pods", "patch")];

    public IReadOnlyList<string> Undo { get; } = [];

    public Task<PortResult> ExecuteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken) =>
        PodWrites.PatchAsync(context, action.Pod!, Evidence.LabelMetadata(action.Outcome, action.Spec.Labels), cancellationToken);
}
