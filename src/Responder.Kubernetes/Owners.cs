using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;

namespace Responder.Kubernetes;

/// <summary>
/// Finds a pod's controller through its ownerReferences; a ReplicaSet is reported as its Deployment.
/// Each controller is read once per batch, however many of its pods are in it.
/// </summary>
internal sealed class Owners(IKubernetes client, KubeCalls calls)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Owner>>> _read = new(StringComparer.Ordinal);

    public Task<Owner> OfAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var reference = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        var ns = pod.Metadata.NamespaceProperty;
        return reference?.Kind switch
        {
            null => Task.FromResult(Owner.Standalone),
            "ReplicaSet" or "StatefulSet" => _read.GetOrAdd($"{ns}/{reference.Kind}/{reference.Name}",
                _ => new Lazy<Task<Owner>>(() => ReadAsync(ns, reference, cancellationToken))).Value,
            _ => Task.FromResult(new Owner(reference.Kind, reference.Name, null, null)),
        };
    }

    private async Task<Owner> ReadAsync(string ns, V1OwnerReference reference, CancellationToken cancellationToken)
    {
        try
        {
            if (reference.Kind == "StatefulSet")
            {
                var statefulSet = await calls.RunAsync(t => client.AppsV1.ReadNamespacedStatefulSetAsync(reference.Name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
                return new Owner("StatefulSet", reference.Name, statefulSet.Spec?.Replicas, statefulSet.Status?.ReadyReplicas ?? 0);
            }

            var replicaSet = await calls.RunAsync(t => client.AppsV1.ReadNamespacedReplicaSetAsync(reference.Name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            var deployment = replicaSet.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "Deployment");
            return new Owner(deployment is null ? "ReplicaSet" : "Deployment", deployment?.Name ?? reference.Name,
                replicaSet.Spec?.Replicas, replicaSet.Status?.ReadyReplicas ?? 0);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            // The controller is being deleted: the kind is known, the replica counts are not.
            return new Owner(reference.Kind, reference.Name, null, null);
        }
    }
}
