using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Time.Testing;
using Responder.Aws.Evidence;
using Responder.Aws.Tests.Moto;
using Responder.Core.Config;
using Responder.Core.Evidence;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.Evidence;

/// <summary>The evidence store against moto's S3: what an object carries, how it is encrypted and locked, and S3's refusals.</summary>
[Collection(MotoCollection.Name)]
public sealed class MotoEvidenceStoreTests(MotoFixture moto)
{
    private const string KeyArn = $"arn:aws:kms:{MotoServer.Region}:{MotoServer.Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private S3EvidenceStore Store(string bucket, EvidenceSettings? settings = null) =>
        new(MotoAws.S3(moto.Server), bucket, settings ?? new EvidenceSettings(), new FakeTimeProvider(Now));

    private static EvidenceObject Log(string text = "panic: out of memory\n") => new("falco-responder/prod/shop/web/uid/1/logs/app.log", System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8")
    {
        Metadata = new Dictionary<string, string> { ["truncated"] = "false", ["pod-uid"] = "uid" },
    };

    [Fact]
    public async Task Put_PlainBucket_StoresTheBytesTypeAndMetadata_UnlockedAndLinkedByItsS3Uri()
    {
        var bucket = await MotoAws.BucketAsync(moto.Server);
        var store = Store(bucket);

        await store.PutAsync(Log(), CancellationToken.None);

        using var s3 = MotoAws.S3(moto.Server);
        using var stored = await s3.GetObjectAsync(bucket, Log().Key);
        using var reader = new StreamReader(stored.ResponseStream);
        Assert.Equal("panic: out of memory\n", await reader.ReadToEndAsync());
        Assert.Equal("text/plain; charset=utf-8", stored.Headers.ContentType);
        Assert.Equal(("false", "uid"), (stored.Metadata["x-amz-meta-truncated"], stored.Metadata["x-amz-meta-pod-uid"]));
        Assert.Null(stored.ObjectLockMode);
        Assert.Equal($"s3://{bucket}/{Log().Key}", store.Uri(Log().Key));
    }

    [Fact]
    public async Task Put_KmsKeyGiven_EncryptsWithThatKey()
    {
        var bucket = await MotoAws.BucketAsync(moto.Server);

        await Store(bucket, new EvidenceSettings { KmsKeyId = KeyArn }).PutAsync(Log(), CancellationToken.None);

        using var s3 = MotoAws.S3(moto.Server);
        var head = await s3.GetObjectMetadataAsync(bucket, Log().Key);
        Assert.Equal((ServerSideEncryptionMethod.AWSKMS, KeyArn), (head.ServerSideEncryptionMethod, head.ServerSideEncryptionKeyManagementServiceKeyId));
    }

    [Theory]
    [InlineData(null, "GOVERNANCE")]
    [InlineData("COMPLIANCE", "COMPLIANCE")]
    public async Task Put_BucketWithObjectLock_LocksEachObjectForTheRetentionInTheBucketsMode(string? defaultMode, string mode)
    {
        var bucket = await MotoAws.BucketAsync(moto.Server, objectLock: true, defaultMode is null ? null : ObjectLockRetentionMode.FindValue(defaultMode));

        await Store(bucket, new EvidenceSettings { RetentionDays = 30 }).PutAsync(Log(), CancellationToken.None);

        using var s3 = MotoAws.S3(moto.Server);
        // Read with HEAD: the SDK cannot parse moto's GetObjectRetention reply.
        var head = await s3.GetObjectMetadataAsync(bucket, Log().Key);
        Assert.Equal(mode, head.ObjectLockMode.Value);
        Assert.Equal(Now.UtcDateTime.AddDays(30), head.ObjectLockRetainUntilDate!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task Put_NoSuchBucket_FailsWithS3sWords_NotRetryable()
    {
        var error = await Assert.ThrowsAsync<EvidenceException>(() => Store("no-such-bucket-here").PutAsync(Log(), CancellationToken.None));

        Assert.Contains("S3 bucket no-such-bucket-here", error.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchBucket", error.Message, StringComparison.Ordinal);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task Put_S3Unreachable_FailsRetryable()
    {
        // A port nothing listens on: what a network partition looks like to the SDK.
        using var closed = new ClosedPort();
        var s3 = new AmazonS3Client(MotoServer.Credentials, new AmazonS3Config
        {
            ServiceURL = $"http://127.0.0.1:{closed.Port}/", AuthenticationRegion = MotoServer.Region, ForcePathStyle = true, MaxErrorRetry = 0,
        });
        var store = new S3EvidenceStore(s3, "evidence", new EvidenceSettings(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<EvidenceException>(() => store.PutAsync(Log(), CancellationToken.None));

        Assert.True(error.Retryable);
        Assert.StartsWith("S3 bucket evidence: GetObjectLockConfiguration: ", error.Message, StringComparison.Ordinal);
    }
}
