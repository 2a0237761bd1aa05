namespace Responder.Core.Config;

/// <summary>Where collect-evidence keeps what it copies out of the cluster, and how much of it (the <c>[evidence]</c> table).</summary>
public sealed record EvidenceSettings
{
    public const int DefaultMaxLogBytes = 1024 * 1024;
    public const int MaxRetentionDays = 36_500;

    /// <summary>The S3 bucket; null: collect-evidence is not planned.</summary>
    public string? Bucket { get; init; }

    /// <summary>Prepended to every key: empty, or ending in '/'.</summary>
    public string Prefix { get; init; } = "falco-responder/";

    /// <summary>The KMS key objects are encrypted with (SSE-KMS); null: the bucket's default encryption.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>How long objects are locked against deletion, when the bucket has Object Lock.</summary>
    public int RetentionDays { get; init; } = 90;

    /// <summary>The most bytes kept of one log (one container's current or previous log).</summary>
    public int MaxLogBytesPerContainer { get; init; } = DefaultMaxLogBytes;
}
