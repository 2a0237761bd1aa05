using Responder.Core.Ingest;
using Responder.Core.Policy;

namespace Responder.Core.Response;

/// <summary>Running totals of a report: every record ends in exactly one of alerts or rejected.</summary>
public sealed class ReportSummary
{
    private readonly int[] _actions = new int[Enum.GetValues<ActionKind>().Length];
    private readonly int[] _statuses = new int[Enum.GetValues<ActionStatus>().Length];
    private readonly int[] _codes = new int[Enum.GetValues<RejectCode>().Length];

    public int Received => Alerts + Rejected;

    public int Alerts { get; private set; }

    public int Rejected { get; private set; }

    public void Add(BatchResult batch)
    {
        Alerts += batch.Alerts.Count;
        Rejected += batch.Rejected.Count;
        foreach (var outcome in batch.Alerts)
        {
            foreach (var action in outcome.Actions)
            {
                _actions[(int)action.Kind]++;
                _statuses[(int)action.Status]++;
            }
        }

        foreach (var rejection in batch.Rejected)
        {
            _codes[(int)rejection.Code]++;
        }
    }

    /// <summary>Actions decided, by action, in execution order; actions never decided are left out.</summary>
    public IEnumerable<KeyValuePair<ActionKind, int>> Actions => Counts<ActionKind>(_actions);

    public IEnumerable<KeyValuePair<ActionStatus, int>> Statuses => Counts<ActionStatus>(_statuses);

    public IEnumerable<KeyValuePair<RejectCode, int>> RejectedByCode => Counts<RejectCode>(_codes);

    private static IEnumerable<KeyValuePair<T, int>> Counts<T>(int[] counts)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            var count = counts[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)];
            if (count > 0)
            {
                yield return new(value, count);
            }
        }
    }
}
