using Responder.Core.Policy;

namespace Responder.Core.Response;

/// <summary>What a port reports for one action: done, skipped by a check, or failed, with the reason.</summary>
public readonly record struct PortResult(ActionStatus Status, string? Reason)
{
    /// <summary>A failure that retrying the invocation may fix (throttling, a 5xx, a timeout): the host fails the invocation so Lambda retries.</summary>
    public bool Retryable { get; init; }
}
