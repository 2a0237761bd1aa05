using System.Collections.Concurrent;
using System.Globalization;
using Responder.Core.Evidence;

namespace Responder.Harness.Fakes;

/// <summary>EBS snapshots in memory: each instance has two volumes; every request is recorded. EC2 itself is tested against moto.</summary>
public sealed class FakeSnapshots(string region = "eu-west-1") : INodeSnapshots
{
    private readonly ConcurrentQueue<SnapshotRequest> _requests = new();
    private int _next;

    public string Region => region;

    public IReadOnlyList<SnapshotRequest> Requests => [.. _requests];

    /// <summary>When set, every request fails with it.</summary>
    public EvidenceException? Failure { get; set; }

    public Task<IReadOnlyList<VolumeSnapshot>> StartAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            throw failure;
        }

        _requests.Enqueue(request);
        IReadOnlyList<VolumeSnapshot> started = [Snapshot(request, "root"), Snapshot(request, "data")];
        return Task.FromResult(started);
    }

    private VolumeSnapshot Snapshot(SnapshotRequest request, string volume) =>
        new(string.Create(CultureInfo.InvariantCulture, $"snap-{Interlocked.Increment(ref _next):x17}"), $"vol-{request.InstanceId[2..]}-{volume}");
}
