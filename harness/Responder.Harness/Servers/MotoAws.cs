using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.S3;
using Amazon.S3.Model;
namespace Responder.Harness.Servers;

/// <summary>S3 buckets and EC2 instances made in moto for the evidence tests, and the clients to look at them.</summary>
public static class MotoAws
{
    public static AmazonS3Client S3(MotoServer moto) =>
        new(MotoServer.Credentials, new AmazonS3Config { ServiceURL = moto.Endpoint.AbsoluteUri, AuthenticationRegion = MotoServer.Region, ForcePathStyle = true });

    public static AmazonEC2Client Ec2(MotoServer moto) =>
        new(MotoServer.Credentials, new AmazonEC2Config { ServiceURL = moto.Endpoint.AbsoluteUri, AuthenticationRegion = MotoServer.Region });

    /// <summary>A new bucket, with Object Lock (and a default retention in <paramref name="defaultMode"/>) when asked.</summary>
    public static async Task<string> BucketAsync(MotoServer moto, bool objectLock = false, ObjectLockRetentionMode? defaultMode = null)
    {
        using var s3 = S3(moto);
        var name = $"evidence-{Guid.NewGuid():N}"[..30];
        await s3.PutBucketAsync(new PutBucketRequest
        {
            BucketName = name,
            BucketRegion = S3Region.FindValue(MotoServer.Region),
            ObjectLockEnabledForBucket = objectLock,
        });
        if (defaultMode is not null)
        {
            await s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
            {
                BucketName = name,
                ObjectLockConfiguration = new ObjectLockConfiguration
                {
                    ObjectLockEnabled = ObjectLockEnabled.Enabled,
                    Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = defaultMode, Days = 1 } },
                },
            });
        }

        return name;
    }

    /// <summary>A running instance with its root volume and one data volume; returns its id and zone.</summary>
    public static async Task<(string InstanceId, string Zone)> InstanceAsync(MotoServer moto)
    {
        using var ec2 = Ec2(moto);
        var image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest())).Images[0].ImageId;
        var reply = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = image,
            MinCount = 1,
            MaxCount = 1,
            InstanceType = InstanceType.M5Large,
            BlockDeviceMappings =
            [
                new BlockDeviceMapping { DeviceName = "/dev/xvda", Ebs = new EbsBlockDevice { VolumeSize = 20 } },
                new BlockDeviceMapping { DeviceName = "/dev/xvdb", Ebs = new EbsBlockDevice { VolumeSize = 50 } },
            ],
        });
        var instance = reply.Reservation.Instances[0];
        return (instance.InstanceId, instance.Placement.AvailabilityZone);
    }

    public static async Task<List<Snapshot>> SnapshotsTaggedAsync(MotoServer moto, string key, string value)
    {
        using var ec2 = Ec2(moto);
        var reply = await ec2.DescribeSnapshotsAsync(new DescribeSnapshotsRequest { Filters = [new Amazon.EC2.Model.Filter($"tag:{key}", [value])] });
        return reply.Snapshots ?? [];
    }
}
