namespace Responder.Core.State;

/// <param name="Key">The action key (<see cref="StateKeys.Action"/>).</param>
/// <param name="RecordId">The record whose action it is, kept on the claim to say who holds it.</param>
public sealed record ClaimRequest(string Key, string RecordId);
