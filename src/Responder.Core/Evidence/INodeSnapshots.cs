namespace Responder.Core.Evidence;

/// <summary>Snapshots of a node's disks (EBS snapshots of the instance's volumes), started and not waited for.</summary>
public interface INodeSnapshots
{
    /// <summary>The region the snapshots are taken in; an instance of another region cannot be reached.</summary>
    string Region { get; }

    /// <summary>Starts one crash-consistent snapshot per volume of the instance; throws <see cref="EvidenceException"/> when it cannot.</summary>
    Task<IReadOnlyList<VolumeSnapshot>> StartAsync(SnapshotRequest request, CancellationToken cancellationToken);
}
