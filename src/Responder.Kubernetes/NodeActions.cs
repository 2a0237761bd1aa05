using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes;

/// <summary>The node actions: cordon (idempotent) and taint (read, modify, write, never clobbering the list).</summary>
internal sealed class NodeActions(IKubernetes client, KubeCalls calls, TimeProvider time)
{
    private const int TaintAttempts = 3;

    public async Task<PortResult> CordonAsync(V1Node node, AlertOutcome outcome, CancellationToken cancellationToken)
    {
        if (node.Spec?.Unschedulable == true)
        {
            return new PortResult(ActionStatus.Succeeded, "already cordoned");
        }

        // The annotation tells `responder release` (and people) that this cordon is the responder's.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Evidence.CordonedBy] = $"{time.GetUtcNow():O} {outcome.Alert.Rule}" } },
            ["spec"] = new JsonObject { ["unschedulable"] = true },
        };
        try
        {
            await calls.RunAsync(t => client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), node.Metadata.Name, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }

    public async Task<PortResult> TaintAsync(V1Node node, NodeTaint taint, CancellationToken cancellationToken)
    {
        var current = node;
        for (var attempt = 1; ; attempt++)
        {
            var taints = current.Spec?.Taints ?? [];
            if (taints.Any(t => t.Key == taint.Key && t.Effect == taint.Effect))
            {
                return new PortResult(ActionStatus.Succeeded, "already tainted");
            }

            // Taints have no merge key: the whole list is written, guarded by the resourceVersion it was read at.
            var list = new JsonArray([.. taints.Select(t => Taint(t.Key, t.Value, t.Effect)), Taint(taint.Key, taint.Value, taint.Effect)]);
            var patch = new JsonArray(
                new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = current.Metadata.ResourceVersion },
                new JsonObject { ["op"] = "add", ["path"] = "/spec/taints", ["value"] = list });
            try
            {
                await calls.RunAsync(t => client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), current.Metadata.Name, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
                return new PortResult(ActionStatus.Succeeded, null);
            }
            catch (HttpOperationException ex) when (attempt < TaintAttempts && KubeCalls.Status(ex) is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
            {
                // Someone else wrote the node since it was read: read it again below and redo the change.
            }
            catch (HttpOperationException ex) when (KubeCalls.Status(ex) is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
            {
                // Another invocation will find the node quieter.
                return new PortResult(ActionStatus.Failed, $"conflict: node {current.Metadata.Name} changed under each of {TaintAttempts} attempts") { Retryable = true };
            }
            catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
            {
                return KubeCalls.Failure(ex, cancellationToken);
            }

            try
            {
                current = await calls.RunAsync(t => client.CoreV1.ReadNodeAsync(current.Metadata.Name, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
            {
                return KubeCalls.Failure(ex, cancellationToken);
            }
        }
    }

    private static JsonObject Taint(string key, string? value, string effect)
    {
        var taint = new JsonObject { ["key"] = key, ["effect"] = effect };
        if (value is not null)
        {
            taint["value"] = value;
        }

        return taint;
    }
}
