using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Responder.Core.Evidence;

namespace Responder.Aws.Evidence;

/// <summary>
/// snapshot-node's EC2 side: one CreateSnapshots call per node, a crash-consistent snapshot of every EBS volume of the
/// instance, tagged as it is made (TagSpecifications: the IAM grant lets the function tag only snapshots it creates).
/// The client is made on first use, so a function that never snapshots never resolves credentials for it.
/// </summary>
public sealed class Ec2Snapshots(Func<IAmazonEC2> client, string region) : INodeSnapshots
{
    private readonly Lazy<IAmazonEC2> _ec2 = new(client);

    public string Region => region;

    public async Task<IReadOnlyList<VolumeSnapshot>> StartAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        var create = new CreateSnapshotsRequest
        {
            InstanceSpecification = new InstanceSpecification { InstanceId = request.InstanceId, ExcludeBootVolume = false },
            Description = request.Description,
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Snapshot, Tags = [.. request.Tags.Select(t => new Tag(t.Key, t.Value))] }],
        };
        try
        {
            var ec2 = _ec2.Value;
            var reply = await ec2.CreateSnapshotsAsync(create, cancellationToken).ConfigureAwait(false);
            return [.. (reply.Snapshots ?? []).Select(s => new VolumeSnapshot(s.SnapshotId, s.VolumeId))];
        }
        catch (AmazonServiceException ex)
        {
            var retryable = ex.Retryable is not null || (int)ex.StatusCode >= 500 || ex.ErrorCode is "RequestLimitExceeded" or "SnapshotCreationPerVolumeRateExceeded";
            throw new EvidenceException($"EC2 CreateSnapshots of {request.InstanceId}: {ex.ErrorCode ?? ex.GetType().Name}: {ex.Message}", retryable, ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException or IOException)
        {
            throw new EvidenceException($"EC2 CreateSnapshots of {request.InstanceId}: {ex.Message}", retryable: true, ex);
        }
    }
}
