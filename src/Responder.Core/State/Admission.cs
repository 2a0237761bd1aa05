namespace Responder.Core.State;

/// <param name="Admitted">True when this record owns the key: the first sighting in the window, or its own redelivery.</param>
/// <param name="FirstId">The record that owns the key.</param>
/// <param name="Seen">Sightings of the key in the window so far, the first included.</param>
public sealed record Admission(bool Admitted, string FirstId, long Seen);
