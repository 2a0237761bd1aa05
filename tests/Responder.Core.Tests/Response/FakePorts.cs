using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Core.Tests.Response;

/// <summary>Records what the pipeline asks a cluster to do and answers with a scripted result.</summary>
internal sealed class FakeCluster(Func<ClusterActionRequest, PortResult>? answer = null) : IClusterActions
{
    public List<ClusterActionRequest> Requests { get; } = [];

    public Task<IReadOnlyList<PortResult>> ExecuteAsync(IReadOnlyList<ClusterActionRequest> requests, CancellationToken cancellationToken)
    {
        Requests.AddRange(requests);
        IReadOnlyList<PortResult> results = [.. requests.Select(r => answer?.Invoke(r) ?? new PortResult(ActionStatus.Succeeded, null))];
        return Task.FromResult(results);
    }
}

/// <summary>Records the alerts it is asked to notify about, with the action statuses it saw then.</summary>
internal sealed class FakeNotifier(int? resultCount = null) : INotifier
{
    public List<(string Id, string[] Statuses)> Notified { get; } = [];

    public Task<IReadOnlyList<PortResult>> NotifyAsync(IReadOnlyList<AlertOutcome> alerts, CancellationToken cancellationToken)
    {
        foreach (var alert in alerts)
        {
            Notified.Add((alert.Id, [.. alert.Actions.Select(a => $"{a.Kind.ToWire()}:{a.Status.ToWire()}")]));
        }

        IReadOnlyList<PortResult> results = [.. Enumerable.Repeat(new PortResult(ActionStatus.Succeeded, null), resultCount ?? alerts.Count)];
        return Task.FromResult(results);
    }
}
