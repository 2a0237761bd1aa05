namespace Responder.Core.State;

/// <param name="Key">The alert key (<see cref="StateKeys.Alert"/>).</param>
/// <param name="RecordId">The record that saw it; the same record seen again (a retried invocation) is not a repeat of itself.</param>
/// <param name="Count">Sightings of the key in this batch.</param>
public sealed record Sighting(string Key, string RecordId, int Count);
