namespace Responder.Core.Response;

/// <summary>
/// Records the alerts of a batch that have a record-finding action as findings where security teams look (Security Hub),
/// after the cluster actions have run so each finding says what was done. Returns one result per alert, in order; a
/// failure is a result, never an exception, so it cannot cost the notifications or the report.
/// </summary>
public interface IFindings
{
    Task<IReadOnlyList<PortResult>> RecordAsync(IReadOnlyList<AlertOutcome> alerts, CancellationToken cancellationToken);
}
