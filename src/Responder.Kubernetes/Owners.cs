using System.Collections.Concurrent;
using System.Net;
using k8s;
using Responder.Core.Containment;

namespace Responder.Kubernetes;

/// <summary>
/// Finds a pod's controller through its ownerReferences; a ReplicaSet is reported as its Deployment.
/// Each controller is read once per batch, however many of its pods are in it.
/// </summary>
internal sealed class Owners(IKubernetes client, KubeCalls calls)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Lookup<Owner>>>> _read = new(StringComparer.Ordinal);

    public Task<Lookup<Owner>> OfAsync(PodFacts pod, CancellationToken cancellationToken) => pod.Controller switch
    {
        null => Task.FromResult(new Lookup<Owner>(Owner.Standalone, null)),
        { Kind: "ReplicaSet" or "StatefulSet" } controller => _read.GetOrAdd($"{pod.Namespace}/{controller.Kind}/{controller.Name}",
            _ => new Lazy<Task<Lookup<Owner>>>(() => ReadAsync(pod.Namespace, controller.Kind, controller.Name, cancellationToken))).Value,
        { } controller => Task.FromResult(new Lookup<Owner>(new Owner(controller.Kind, controller.Name, null, null), null)),
    };

    private async Task<Lookup<Owner>> ReadAsync(string ns, string kind, string name, CancellationToken cancellationToken)
    {
        try
        {
            if (kind == "StatefulSet")
            {
                var statefulSet = await calls.RunAsync(t => client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
                return new(new Owner("StatefulSet", name, statefulSet.Spec?.Replicas, statefulSet.Status?.ReadyReplicas ?? 0), null);
            }

            var replicaSet = await calls.RunAsync(t => client.AppsV1.ReadNamespacedReplicaSetAsync(name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            var deployment = replicaSet.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "Deployment");
            return new(new Owner(deployment is null ? "ReplicaSet" : "Deployment", deployment?.Name ?? name, replicaSet.Spec?.Replicas, replicaSet.Status?.ReadyReplicas ?? 0), null);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            // The controller is being deleted: the kind is known, the replica counts are not.
            return new(new Owner(kind, name, null, null), null);
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            return new(null, KubeCalls.Failure(ex, cancellationToken));
        }
    }
}
