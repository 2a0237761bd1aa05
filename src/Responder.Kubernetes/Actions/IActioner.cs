using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>
/// The cluster side of one action kind (its name, target, stage and limit are in <see cref="ActionKinds"/>): the
/// permissions its calls need (deploy/k8s/rbac.yaml grants them), how it runs on a resolved target, and what
/// <c>responder release</c> undoes of it.
/// </summary>
internal interface IActioner
{
    ActionKind Kind { get; }

    IReadOnlyList<ApiPermission> Permissions { get; }

    /// <summary>The release steps that undo it; none when it is evidence to keep, or cannot be undone.</summary>
    IReadOnlyList<string> Undo { get; }

    /// <summary>Acts on <see cref="ClusterAction.Pod"/> or <see cref="ClusterAction.Node"/> as read, conditioned on it.</summary>
    Task<PortResult> ExecuteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken);
}
