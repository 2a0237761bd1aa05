using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;

namespace Responder.Kubernetes;

/// <summary>Releases one node: read, plan, write guarded by the resourceVersion; read again and replan when the node changed meanwhile.</summary>
internal sealed class NodeRelease(IKubernetes client, KubeCalls calls, ReleaseMarks marks)
{
    private const int WriteAttempts = 3;

    public async Task<IReadOnlyList<ReleaseOutcome>> ReleaseAsync(string name, bool force, bool dryRun, CancellationToken cancellationToken)
    {
        V1Node node;
        try
        {
            node = await ReadAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
        {
            return NodePlan.Failed(name, ReleaseErrors.Reason(ex, $"node {name}", cancellationToken));
        }

        return await ReleaseAsync(node, force, dryRun, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReleaseOutcome>> ReleaseAsync(V1Node node, bool force, bool dryRun, CancellationToken cancellationToken)
    {
        var name = node.Metadata.Name;
        for (var attempt = 1; ; attempt++)
        {
            var plan = NodePlan.Of(node, marks, force);
            if (dryRun || !plan.Writes)
            {
                return plan.Outcomes(dryRun ? ActionStatus.Planned : ActionStatus.Succeeded);
            }

            try
            {
                var patch = new V1Patch(plan.Patch(), V1Patch.PatchType.JsonPatch);
                await calls.RunAsync(t => client.CoreV1.PatchNodeAsync(patch, name, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
                return plan.Outcomes(ActionStatus.Succeeded);
            }
            catch (HttpOperationException ex) when (attempt < WriteAttempts && KubeCalls.Status(ex) is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
            {
                // The resourceVersion test failed: someone wrote the node since it was read. Read it again below and replan.
            }
            catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
            {
                return plan.Outcomes(ActionStatus.Succeeded, ReleaseErrors.Reason(ex, $"node {name}", cancellationToken));
            }

            try
            {
                node = await ReadAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
            {
                return plan.Outcomes(ActionStatus.Succeeded, ReleaseErrors.Reason(ex, $"node {name}", cancellationToken));
            }
        }
    }

    private Task<V1Node> ReadAsync(string name, CancellationToken cancellationToken) =>
        calls.RunAsync(t => client.CoreV1.ReadNodeAsync(name, cancellationToken: t), cancellationToken);
}
