using k8s;
using Responder.Core.Config;
using Responder.Core.Containment;

namespace Responder.Kubernetes;

/// <summary>
/// The reverse of containment, for operators (<c>responder release</c>): uncordon what the responder
/// cordoned, remove its taints, take pods out of quarantine and remove quarantine policies no pod needs.
/// Evidence (the labels and annotations of label-pod) stays: it is the record of what happened.
/// </summary>
public sealed class ClusterRelease(Func<CancellationToken, Task<IKubernetes>> connect, ResponderConfig config) : IClusterRelease
{
    public Task<IReadOnlyList<ReleaseOutcome>> RunAsync(ReleaseRequest request, CancellationToken cancellationToken) =>
        RunAsync(connect, request, config, cancellationToken);

    /// <param name="connect">Makes the client; throws <see cref="ClusterUnavailableException"/> when the cluster cannot be found.</param>
    /// <param name="request">What to release.</param>
    /// <param name="config">The policy (which taints and quarantine labels are the responder's) and the concurrency bound.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>One line per step and target; a target that could not be released has a failed line, the others go on.</returns>
    public static async Task<IReadOnlyList<ReleaseOutcome>> RunAsync(
        Func<CancellationToken, Task<IKubernetes>> connect, ReleaseRequest request, ResponderConfig config, CancellationToken cancellationToken)
    {
        IKubernetes client;
        try
        {
            client = await connect(cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterUnavailableException ex)
        {
            return ReleaseRun.Unreachable(request, $"cluster-unreachable: {ex.Message}");
        }

        using (client)
        {
            using var calls = new KubeCalls(config.Containment.Concurrency, TimeProvider.System);
            return await new ReleaseRun(client, calls, ReleaseMarks.From(config.Policy)).ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
