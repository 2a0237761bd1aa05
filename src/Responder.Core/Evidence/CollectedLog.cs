namespace Responder.Core.Evidence;

/// <summary>What became of one log of one container: kept (whole, or its newest part up to the cap), or why there is none.</summary>
/// <param name="Container">The container's name.</param>
/// <param name="Previous">The log of the container's previous instance (before its last restart).</param>
/// <param name="Key">The object's key; null when nothing was kept.</param>
/// <param name="Bytes">Bytes kept.</param>
/// <param name="Truncated">The log was longer than the cap: only its newest part was kept.</param>
/// <param name="Sha256">Hex SHA-256 of what was kept.</param>
/// <param name="Unavailable">Why the API server gave no log (a container still waiting, no previous instance); null when kept.</param>
public sealed record CollectedLog(string Container, bool Previous, string? Key, long Bytes, bool Truncated, string? Sha256, string? Unavailable);
