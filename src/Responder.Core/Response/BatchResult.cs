using Responder.Core.Ingest;
using Responder.Core.State;

namespace Responder.Core.Response;

/// <summary>The outcome of one batch: its alerts and its rejected records, each in input order.</summary>
public sealed record BatchResult(IReadOnlyList<AlertOutcome> Alerts, IReadOnlyList<Rejection> Rejected)
{
    /// <summary>Blast-radius limits this batch found reached first in their window.</summary>
    public IReadOnlyList<CircuitOpen> Circuits { get; init; } = [];
}
