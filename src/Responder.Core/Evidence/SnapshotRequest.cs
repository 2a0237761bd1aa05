namespace Responder.Core.Evidence;

/// <summary>The snapshots of one node for one alert.</summary>
/// <param name="InstanceId">The EC2 instance, from the node's providerID.</param>
/// <param name="Description">What the snapshots are, for a person browsing them.</param>
/// <param name="Tags">Set on every snapshot when it is made (alert id, rule, cluster, node).</param>
public sealed record SnapshotRequest(string InstanceId, string Description, IReadOnlyDictionary<string, string> Tags);
