using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>evict-pod: the Eviction API, which a PodDisruptionBudget may refuse (429): then skipped, or deleted when the policy says so.</summary>
internal sealed class EvictPod : IActioner
{
    public ActionKind Kind => ActionKind.EvictPod;

    // delete: on_pdb_refusal = "delete".
    public IReadOnlyList<ApiPermission> Permissions { get; } = [new("", "pods/eviction", "create"), new("", "pods", "delete")];

    public IReadOnlyList<string> Undo { get; } = [];

    public async Task<PortResult> ExecuteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken)
    {
        var pod = action.Pod!;
        var spec = action.Spec;
        var eviction = new V1Eviction
        {
            ApiVersion = "policy/v1",
            Kind = "Eviction",
            Metadata = new V1ObjectMeta { Name = pod.Name, NamespaceProperty = pod.Namespace },
            DeleteOptions = new V1DeleteOptions { GracePeriodSeconds = spec.GracePeriodSeconds, Preconditions = new V1Preconditions { Uid = PodRemoval.Uid(action) } },
        };
        try
        {
            await context.Calls.RunAsync(t => context.Client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, pod.Name, pod.Namespace, cancellationToken: t), cancellationToken, retryConflicts: false, retryThrottling: false).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return PodRemoval.GoneDone;
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.Conflict)
        {
            return new PortResult(ActionStatus.Succeeded, "gone: the pod was replaced by a new one of the same name, which is left alone");
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.TooManyRequests)
        {
            // 429 on an eviction is a PodDisruptionBudget saying no.
            if (spec.OnPdbRefusal == PdbRefusal.Skip)
            {
                return new PortResult(ActionStatus.Skipped, $"pdb-refused: {KubeCalls.Message(ex)}");
            }

            var deleted = await PodRemoval.DeleteAsync(action, context, cancellationToken).ConfigureAwait(false);
            return deleted.Status == ActionStatus.Succeeded
                ? deleted with { Reason = "deleted: a PodDisruptionBudget refused the eviction (on_pdb_refusal = delete)" }
                : deleted;
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }
}
