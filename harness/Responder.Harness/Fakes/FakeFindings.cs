using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Harness.Fakes;

/// <summary>Records the alerts it is asked to record as findings, with their action statuses then; answers with a script.</summary>
public sealed class FakeFindings(Func<AlertOutcome, PortResult>? answer = null) : IFindings
{
    public List<(string Id, string FindingId, string[] Statuses)> Recorded { get; } = [];

    public Task<IReadOnlyList<PortResult>> RecordAsync(IReadOnlyList<AlertOutcome> alerts, CancellationToken cancellationToken)
    {
        foreach (var alert in alerts)
        {
            Recorded.Add((alert.Id, alert.Actions.Single(a => a.Kind == ActionKind.RecordFinding).Target!,
                [.. alert.Actions.Where(a => a.Kind.IsClusterAction()).Select(a => $"{a.Kind.ToWire()}:{a.Status.ToWire()}")]));
        }

        IReadOnlyList<PortResult> results = [.. alerts.Select(a => answer?.Invoke(a) ?? new PortResult(ActionStatus.Succeeded, null))];
        return Task.FromResult(results);
    }
}
