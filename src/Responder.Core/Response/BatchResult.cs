using Responder.Core.Ingest;

namespace Responder.Core.Response;

/// <summary>The outcome of one batch: its alerts and its rejected records, each in input order.</summary>
public sealed record BatchResult(IReadOnlyList<AlertOutcome> Alerts, IReadOnlyList<Rejection> Rejected);
