using k8s;
using Responder.Core.Config;

namespace Responder.Kubernetes;

/// <summary>The cluster port from a way to get the client's configuration (which may fail: the cluster is then unavailable).</summary>
public static class ClusterPort
{
    /// <param name="configuration">Finds the API server, its CA and a token; throws when it cannot.</param>
    /// <param name="isRetryable">Whether a failure of <paramref name="configuration"/> may pass (throttling, a cluster still creating).</param>
    /// <param name="settings">The containment settings.</param>
    public static KubernetesClusterActions Create(
        Func<CancellationToken, Task<KubernetesClientConfiguration>> configuration, Func<Exception, bool> isRetryable, ContainmentSettings settings) =>
        new(Connect(configuration, isRetryable), settings, TimeProvider.System);

    /// <summary>Makes a client from the configuration; any failure to find the cluster becomes a <see cref="ClusterUnavailableException"/>.</summary>
    public static Func<CancellationToken, Task<IKubernetes>> Connect(
        Func<CancellationToken, Task<KubernetesClientConfiguration>> configuration, Func<Exception, bool> isRetryable) =>
        async cancellationToken =>
        {
            try
            {
                return new k8s.Kubernetes(await configuration(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new ClusterUnavailableException(ex.Message, isRetryable(ex), ex);
            }
        };
}
