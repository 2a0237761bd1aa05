using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>Merge patches of a pod's metadata, conditioned on the uid it was read with: a namesake made since is never written.</summary>
internal static class PodWrites
{
    public static readonly PortResult Gone = new(ActionStatus.Skipped, "gone: the pod no longer exists");

    /// <param name="context">The stage's context.</param>
    /// <param name="pod">The pod as read.</param>
    /// <param name="metadata">Labels and annotations to merge; the pod's uid is added, which the API server refuses to change.</param>
    /// <param name="cancellationToken">The invocation's deadline.</param>
    public static async Task<PortResult> PatchAsync(ActionContext context, PodFacts pod, System.Text.Json.Nodes.JsonObject metadata, CancellationToken cancellationToken)
    {
        metadata["uid"] = pod.Uid;
        var patch = new V1Patch(new System.Text.Json.Nodes.JsonObject { ["metadata"] = metadata }.ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            await context.Calls.RunAsync(t => context.Client.CoreV1.PatchNamespacedPodAsync(patch, pod.Name, pod.Namespace, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return Gone;
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
            && KubeCalls.Message(ex).Contains("uid", StringComparison.OrdinalIgnoreCase))
        {
            return new PortResult(ActionStatus.Skipped, $"pod-replaced: pod {pod.Key} was replaced by a namesake since it was read ({KubeCalls.Message(ex)})");
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }
}
