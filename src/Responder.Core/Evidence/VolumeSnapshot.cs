namespace Responder.Core.Evidence;

/// <summary>A snapshot started of one volume.</summary>
public sealed record VolumeSnapshot(string SnapshotId, string? VolumeId);
