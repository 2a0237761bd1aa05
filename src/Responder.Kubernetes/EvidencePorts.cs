using Responder.Core.Config;
using Responder.Core.Evidence;

namespace Responder.Kubernetes;

/// <summary>What the evidence actions write to besides the cluster: the evidence store and the snapshot service, either absent.</summary>
/// <param name="Cluster">The cluster's name, the first segment of every evidence key and a tag of every snapshot.</param>
/// <param name="Store">Where collect-evidence writes; null when no bucket is configured.</param>
/// <param name="Snapshots">Where snapshot-node starts snapshots; null when there is no AWS to reach.</param>
/// <param name="Settings">The caps and the prefix.</param>
public sealed record EvidencePorts(string Cluster, IEvidenceStore? Store, INodeSnapshots? Snapshots, EvidenceSettings Settings)
{
    public static readonly EvidencePorts None = new("default", null, null, new EvidenceSettings());
}
