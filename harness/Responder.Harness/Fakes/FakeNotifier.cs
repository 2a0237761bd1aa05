using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.State;

namespace Responder.Harness.Fakes;

/// <summary>Records the alerts it is asked to notify about, with the action statuses it saw then.</summary>
public sealed class FakeNotifier(int? resultCount = null) : INotifier
{
    public List<(string Id, string[] Statuses)> Notified { get; } = [];

    /// <summary>Repeats folded into each notified alert, by id.</summary>
    public Dictionary<string, int> Repeats { get; } = [];

    public List<CircuitOpen> Circuits { get; } = [];

    public Task<IReadOnlyList<PortResult>> NotifyAsync(IReadOnlyList<AlertOutcome> alerts, CancellationToken cancellationToken)
    {
        foreach (var alert in alerts)
        {
            Notified.Add((alert.Id, [.. alert.Actions.Select(a => $"{a.Kind.ToWire()}:{a.Status.ToWire()}")]));
            Repeats[alert.Id] = alert.Repeats;
        }

        IReadOnlyList<PortResult> results = [.. Enumerable.Repeat(new PortResult(ActionStatus.Succeeded, null), resultCount ?? alerts.Count)];
        return Task.FromResult(results);
    }

    public Task<PortResult> NotifyCircuitOpenAsync(CircuitOpen circuit, CancellationToken cancellationToken)
    {
        Circuits.Add(circuit);
        return Task.FromResult(new PortResult(ActionStatus.Succeeded, null));
    }
}
