namespace Responder.Core.Response;

/// <summary>
/// Carries out cluster actions. Receives a whole batch so an implementation can bound concurrency
/// and act once per target; returns one result per request, in request order.
/// </summary>
public interface IClusterActions
{
    Task<IReadOnlyList<PortResult>> ExecuteAsync(IReadOnlyList<ClusterActionRequest> requests, CancellationToken cancellationToken);
}
