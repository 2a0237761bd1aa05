using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Responder.Core.Config;
using Responder.Core.Evidence;

namespace Responder.Aws.Evidence;

/// <summary>
/// The evidence bucket: one PutObject per object, encrypted with the configured KMS key (else the bucket's default
/// encryption), and locked for the retention when the bucket has Object Lock, in the mode of the bucket's default
/// retention (GOVERNANCE when it has none). Whether it has Object Lock is asked once per process.
/// </summary>
public sealed class S3EvidenceStore(IAmazonS3 s3, string bucket, EvidenceSettings settings, TimeProvider time) : IEvidenceStore
{
    private readonly Lock _gate = new();
    private Task<ObjectLockRetentionMode?>? _lock;

    public string Prefix => settings.Prefix;

    public string Uri(string key) => $"s3://{bucket}/{key}";

    public async Task PutAsync(EvidenceObject item, CancellationToken cancellationToken)
    {
        var mode = await LockAsync(cancellationToken).ConfigureAwait(false);
        var content = item.Content.ToArray();
        using var body = new MemoryStream(content, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = item.Key,
            InputStream = body,
            ContentType = item.ContentType,
            AutoCloseStream = false,
        };
        foreach (var (name, value) in item.Metadata)
        {
            request.Metadata.Add(name, value);
        }

        if (settings.KmsKeyId is { } key)
        {
            request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
            request.ServerSideEncryptionKeyManagementServiceKeyId = key;

            // One KMS call per bucket and key for a while, not one per object.
            request.BucketKeyEnabled = true;
        }

        if (mode is not null)
        {
            request.ObjectLockMode = mode == ObjectLockRetentionMode.Compliance ? ObjectLockMode.Compliance : ObjectLockMode.Governance;
            request.ObjectLockRetainUntilDate = time.GetUtcNow().UtcDateTime.AddDays(settings.RetentionDays);
        }

        await CallAsync(() => s3.PutObjectAsync(request, cancellationToken), $"PutObject {item.Key}").ConfigureAwait(false);
    }

    /// <summary>The bucket's Object Lock mode (null: it has none), asked once; a failed question is asked again next time.</summary>
    private Task<ObjectLockRetentionMode?> LockAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lock is null || _lock.IsFaulted || _lock.IsCanceled)
            {
                _lock = ReadLockAsync(cancellationToken);
            }

            return _lock;
        }
    }

    private async Task<ObjectLockRetentionMode?> ReadLockAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reply = await CallAsync(() => s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket }, cancellationToken),
                "GetObjectLockConfiguration").ConfigureAwait(false);
            var configuration = reply.ObjectLockConfiguration;
            return configuration?.ObjectLockEnabled == ObjectLockEnabled.Enabled
                ? configuration.Rule?.DefaultRetention?.Mode ?? ObjectLockRetentionMode.Governance
                : null;
        }
        catch (EvidenceException ex) when (ex.InnerException is AmazonS3Exception { ErrorCode: "ObjectLockConfigurationNotFoundError" })
        {
            return null;
        }
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            // The SDK has already retried what its standard mode retries; what is left may still pass on a later invocation.
            var retryable = ex.Retryable is not null || (int)ex.StatusCode >= 500 || ex.ErrorCode is "SlowDown" or "RequestTimeout";
            throw new EvidenceException($"S3 bucket {bucket}: {what}: {ex.ErrorCode ?? ex.GetType().Name}: {ex.Message}", retryable, ex);
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException or IOException)
        {
            throw new EvidenceException($"S3 bucket {bucket}: {what}: {ex.Message}", retryable: true, ex);
        }
    }
}
