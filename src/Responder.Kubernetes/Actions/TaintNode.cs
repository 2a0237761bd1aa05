using System.Net;
using k8s;
using System.Text.Json.Nodes;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>taint-node: adds the policy's taint. Taints have no merge key, so the list is read, extended and written back whole, never clobbered.</summary>
internal sealed class TaintNode : IActioner
{
    private const int Attempts = 3;

    public ActionKind Kind => ActionKind.TaintNode;

    // get: the node is read again when another writer changed it between the read and the write.
    public IReadOnlyList<ApiPermission> Permissions { get; } = [new("", "nodes", "patch"), new("", "nodes", "get")];

    public IReadOnlyList<string> Undo { get; } = [ReleaseOutcome.UntaintNode];

    public async Task<PortResult> ExecuteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken)
    {
        var taint = action.Spec.Taint!;
        var current = action.Node!;
        for (var attempt = 1; ; attempt++)
        {
            if (current.Taints.Any(t => t.Key == taint.Key && t.Effect == taint.Effect))
            {
                return new PortResult(ActionStatus.Succeeded, "already tainted");
            }

            // Guarded by the resourceVersion it was read at: a list changed meanwhile is read again, not overwritten.
            var list = new JsonArray([.. current.Taints.Select(Json), Json(taint)]);
            var patch = new JsonArray(
                new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = current.ResourceVersion },
                new JsonObject { ["op"] = "add", ["path"] = "/spec/taints", ["value"] = list });
            try
            {
                await context.Calls.RunAsync(t => context.Client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), current.Name, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
                return new PortResult(ActionStatus.Succeeded, null);
            }
            catch (HttpOperationException ex) when (attempt < Attempts && KubeCalls.Status(ex) is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
            {
                // Someone else wrote the node since it was read: read it again below and redo the change.
            }
            catch (HttpOperationException ex) when (KubeCalls.Status(ex) is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
            {
                // Another invocation will find the node quieter.
                return new PortResult(ActionStatus.Failed, $"conflict: node {current.Name} changed under each of {Attempts} attempts") { Retryable = true };
            }
            catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
            {
                return KubeCalls.Failure(ex, cancellationToken);
            }

            try
            {
                var name = current.Name;
                current = Facts.Of(await context.Calls.RunAsync(t => context.Client.CoreV1.ReadNodeAsync(name, cancellationToken: t), cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
            {
                return KubeCalls.Failure(ex, cancellationToken);
            }
        }
    }

    private static JsonObject Json(NodeTaint taint)
    {
        var json = new JsonObject { ["key"] = taint.Key, ["effect"] = taint.Effect };
        if (taint.Value is not null)
        {
            json["value"] = taint.Value;
        }

        return json;
    }
}
