using Responder.Core.Policy;

namespace Responder.Core.Response;

/// <summary>One cluster action to carry out, with the alert it answers.</summary>
public sealed record ClusterActionRequest(AlertOutcome Outcome, PlannedAction Action);
