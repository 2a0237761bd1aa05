using System.Net;
using k8s;
using k8s.Models;

namespace Responder.Kubernetes;

/// <summary>Finds a pod's controller through its ownerReferences; a ReplicaSet is reported as its Deployment.</summary>
internal sealed class Owners(IKubernetes client, KubeCalls calls)
{
    public async Task<Owner> OfAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var reference = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        var ns = pod.Metadata.NamespaceProperty;
        try
        {
            switch (reference?.Kind)
            {
                case null:
                    return Owner.Standalone;
                case "ReplicaSet":
                    var replicaSet = await calls.RunAsync(t => client.AppsV1.ReadNamespacedReplicaSetAsync(reference.Name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
                    var deployment = replicaSet.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "Deployment");
                    return new Owner(deployment is null ? "ReplicaSet" : "Deployment", deployment?.Name ?? reference.Name,
                        replicaSet.Spec?.Replicas, replicaSet.Status?.ReadyReplicas ?? 0);
                case "StatefulSet":
                    var statefulSet = await calls.RunAsync(t => client.AppsV1.ReadNamespacedStatefulSetAsync(reference.Name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
                    return new Owner("StatefulSet", reference.Name, statefulSet.Spec?.Replicas, statefulSet.Status?.ReadyReplicas ?? 0);
                default:
                    return new Owner(reference.Kind, reference.Name, null, null);
            }
        }
        catch (k8s.Autorest.HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            // The controller is being deleted: the kind is known, the replica counts are not.
            return new Owner(reference!.Kind, reference.Name, null, null);
        }
    }
}
