using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.TestSupport.Fakes;

/// <summary>Records what the pipeline asks a cluster to do and answers with a scripted result.</summary>
public sealed class FakeCluster(Func<ClusterActionRequest, PortResult>? answer = null) : IClusterActions
{
    public List<ClusterActionRequest> Requests { get; } = [];

    public Task<IReadOnlyList<PortResult>> ExecuteAsync(IReadOnlyList<ClusterActionRequest> requests, CancellationToken cancellationToken)
    {
        Requests.AddRange(requests);
        IReadOnlyList<PortResult> results = [.. requests.Select(r => answer?.Invoke(r) ?? new PortResult(ActionStatus.Succeeded, null))];
        return Task.FromResult(results);
    }
}
