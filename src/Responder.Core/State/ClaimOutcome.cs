namespace Responder.Core.State;

/// <param name="Succeeded">True when the action is done for good; false releases the claim so a retry acts again.</param>
public sealed record ClaimOutcome(string Key, string RecordId, bool Succeeded, string? Reason);
