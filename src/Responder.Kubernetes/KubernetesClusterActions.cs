using k8s;
using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes;

/// <summary>
/// The cluster port over KubernetesClient.Aot. The client is made on first use (finding the cluster may
/// need an AWS call) and kept; when the cluster cannot be reached, every action fails with the reason.
/// </summary>
public sealed class KubernetesClusterActions(Func<CancellationToken, Task<IKubernetes>> connect, ContainmentSettings settings, TimeProvider time) : IClusterActions
{
    private IKubernetes? _client;

    public async Task<IReadOnlyList<PortResult>> ExecuteAsync(IReadOnlyList<ClusterActionRequest> requests, CancellationToken cancellationToken)
    {
        IKubernetes client;
        try
        {
            client = _client ??= await connect(cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterUnavailableException ex)
        {
            var failure = new PortResult(ActionStatus.Failed, $"cluster-unreachable: {ex.Message}") { Retryable = ex.Retryable };
            return [.. requests.Select(_ => failure)];
        }

        using var calls = new KubeCalls(settings.Concurrency, time);
        var run = new ContainmentRun(client, settings, calls, time);
        return await new DrillTargets(client, calls).RunAsync(requests, r => run.ExecuteAsync(r, cancellationToken), cancellationToken).ConfigureAwait(false);
    }
}
