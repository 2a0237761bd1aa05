using Responder.Aws.Evidence;
using Responder.Aws.Tests.Moto;
using Responder.Core.Evidence;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.Evidence;

/// <summary>snapshot-node's EC2 side against moto: one snapshot per volume of the instance, tagged as made.</summary>
[Collection(MotoCollection.Name)]
public sealed class MotoSnapshotTests(MotoFixture moto)
{
    private Ec2Snapshots Snapshots() => new(() => MotoAws.Ec2(moto.Server), MotoServer.Region);

    [Fact]
    public async Task Start_InstanceWithTwoVolumes_StartsASnapshotOfEachTaggedWithTheAlert()
    {
        var (instance, _) = await MotoAws.InstanceAsync(moto.Server);
        var alertId = Guid.NewGuid().ToString("N");
        var tags = new Dictionary<string, string> { ["falco-responder:alert-id"] = alertId, ["falco-responder:cluster"] = "prod", ["falco-responder:rule"] = "Linux Kernel Module Injection Detected" };

        var started = await Snapshots().StartAsync(new SnapshotRequest(instance, "Falco Responder: test", tags), CancellationToken.None);

        Assert.Equal(2, started.Count);
        Assert.All(started, s => Assert.StartsWith("snap-", s.SnapshotId, StringComparison.Ordinal));
        Assert.Equal(2, started.Select(s => s.VolumeId).Distinct().Count());
        var tagged = await MotoAws.SnapshotsTaggedAsync(moto.Server, "falco-responder:alert-id", alertId);
        Assert.Equal(started.Select(s => s.SnapshotId).Order(), tagged.Select(s => s.SnapshotId).Order());
        Assert.All(tagged, s => Assert.Equal(("prod", "Falco Responder: test"), (s.Tags.Single(t => t.Key == "falco-responder:cluster").Value, s.Description)));
    }

    [Fact]
    public async Task Start_NoSuchInstance_FailsWithEc2sWords_NotRetryable()
    {
        var error = await Assert.ThrowsAsync<EvidenceException>(() =>
            Snapshots().StartAsync(new SnapshotRequest("i-0123456789abcdef0", "d", new Dictionary<string, string> { ["falco-responder:cluster"] = "prod" }), CancellationToken.None));

        Assert.StartsWith("EC2 CreateSnapshots of i-0123456789abcdef0: InvalidInstanceID.NotFound: ", error.Message, StringComparison.Ordinal);
        Assert.False(error.Retryable);
    }
}
