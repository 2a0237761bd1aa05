using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>cordon-node: the node unschedulable, with an annotation saying the cordon is the responder's (release undoes only those).</summary>
internal sealed class CordonNode : IActioner
{
    public ActionKind Kind => ActionKind.CordonNode;

    public IReadOnlyList<ApiPermission> Permissions { get; } = [new("", "nodes", "patch")];

    public IReadOnlyList<string> Undo { get; } = [ReleaseOutcome.UncordonNode];

    public async Task<PortResult> ExecuteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken)
    {
        var node = action.Node!;
        if (node.Unschedulable)
        {
            return new PortResult(ActionStatus.Succeeded, "already cordoned");
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = Evidence.AddFinding(new JsonObject { [Evidence.CordonedBy] = $"{context.Time.GetUtcNow():O} {action.Outcome.Alert.Rule}" }, action.Outcome),
            },
            ["spec"] = new JsonObject { ["unschedulable"] = true },
        };
        try
        {
            await context.Calls.RunAsync(t => context.Client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), node.Name, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }
}
