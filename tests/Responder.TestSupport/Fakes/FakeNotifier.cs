using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.TestSupport.Fakes;

/// <summary>Records the alerts it is asked to notify about, with the action statuses it saw then.</summary>
public sealed class FakeNotifier(int? resultCount = null) : INotifier
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
