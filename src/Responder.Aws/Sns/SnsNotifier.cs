using Responder.Aws.Http;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.State;

namespace Responder.Aws.Sns;

/// <summary>
/// The notifier port over SNS: the alerts of a batch are grouped and planned (<see cref="MessagePlan"/>),
/// published a few at a time, and each alert gets the outcome of the messages that speak for it.
/// </summary>
public sealed class SnsNotifier(SnsClient sns, NotificationContext context) : INotifier
{
    private const int Concurrency = 4;

    /// <summary>How many messages were published, for logs and benchmarks.</summary>
    public int Published => Volatile.Read(ref _published);

    private int _published;

    public async Task<IReadOnlyList<PortResult>> NotifyAsync(IReadOnlyList<AlertOutcome> alerts, CancellationToken cancellationToken)
    {
        var groups = AlertGroup.Of(alerts);
        var plan = MessagePlan.For(groups, context);
        var failures = new Dictionary<AlertGroup, AwsServiceException>();
        using var gate = new SemaphoreSlim(Concurrency);
        await Task.WhenAll(plan.Select(async entry =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await sns.PublishAsync(entry.Message, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _published);
            }
            catch (AwsServiceException ex)
            {
                lock (failures)
                {
                    foreach (var group in entry.Groups)
                    {
                        failures.TryAdd(group, ex);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        return Results(alerts, groups, failures);
    }

    public async Task<PortResult> NotifyCircuitOpenAsync(CircuitOpen circuit, CancellationToken cancellationToken)
    {
        try
        {
            await sns.PublishAsync(MessagePlan.CircuitMessage(circuit, context), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _published);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (AwsServiceException ex)
        {
            return new PortResult(ActionStatus.Failed, $"sns-error: {ex.Code}: {ex.ServiceMessage}") { Retryable = ex.Retryable };
        }
    }

    private static List<PortResult> Results(IReadOnlyList<AlertOutcome> alerts, List<AlertGroup> groups, Dictionary<AlertGroup, AwsServiceException> failures)
    {
        var groupOf = groups.SelectMany(g => g.Members.Select(m => (m, g))).ToDictionary(x => x.m, x => x.g);
        return [.. alerts.Select(alert => failures.TryGetValue(groupOf[alert], out var error)
            ? new PortResult(ActionStatus.Failed, $"sns-error: {error.Code}: {error.ServiceMessage}") { Retryable = error.Retryable }
            : new PortResult(ActionStatus.Succeeded, null))];
    }
}
