using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>The delete both removals end in, conditioned on the uid of the pod that fired.</summary>
internal static class PodRemoval
{
    public static readonly PortResult GoneDone = new(ActionStatus.Succeeded, "gone: the pod no longer exists");

    /// <summary>The uid the write is conditioned on: the alert's own when it carries one (the resolver has checked the pod has it).</summary>
    public static string Uid(ClusterAction action) => action.Outcome.Alert.Target.PodUid ?? action.Pod!.Uid;

    public static async Task<PortResult> DeleteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken)
    {
        var pod = action.Pod!;
        var grace = action.Spec.GracePeriodSeconds;
        var options = new V1DeleteOptions { GracePeriodSeconds = grace, Preconditions = new V1Preconditions { Uid = Uid(action) } };
        try
        {
            await context.Calls.RunAsync(t => context.Client.CoreV1.DeleteNamespacedPodAsync(pod.Name, pod.Namespace, options, gracePeriodSeconds: grace, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return GoneDone;
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.Conflict)
        {
            // The uid precondition failed: a namesake stands there now, so the pod that fired is gone; the namesake stays.
            return new PortResult(ActionStatus.Succeeded, "gone: the pod was replaced by a new one of the same name, which is left alone");
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }
}
