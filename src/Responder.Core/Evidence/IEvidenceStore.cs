namespace Responder.Core.Evidence;

/// <summary>
/// Where collect-evidence keeps what it copies out of the cluster (an S3 bucket): objects are written once per key and
/// never read back or deleted by the responder. A key written again (a retried delivery) is written with the same content.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>The settings' key prefix, which every key starts with.</summary>
    string Prefix { get; }

    /// <summary>How a report or a notification links a key: s3://bucket/key.</summary>
    string Uri(string key);

    /// <summary>Writes one object, encrypted and locked as the store is set up; throws <see cref="EvidenceException"/> when it cannot.</summary>
    Task PutAsync(EvidenceObject item, CancellationToken cancellationToken);
}
