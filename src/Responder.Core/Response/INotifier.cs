using Responder.Core.State;

namespace Responder.Core.Response;

/// <summary>
/// Sends notifications for the alerts of a batch that have a notify action, after the cluster actions
/// have run so the message can say what was done. Returns one result per alert, in order.
/// </summary>
public interface INotifier
{
    Task<IReadOnlyList<PortResult>> NotifyAsync(IReadOnlyList<AlertOutcome> alerts, CancellationToken cancellationToken);

    /// <summary>Says, once per window, that a blast-radius limit was reached and further actions are skipped.</summary>
    Task<PortResult> NotifyCircuitOpenAsync(CircuitOpen circuit, CancellationToken cancellationToken);
}
