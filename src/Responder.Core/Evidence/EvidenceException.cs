namespace Responder.Core.Evidence;

/// <summary>The evidence store or the snapshot service refused or could not be reached; the message is the service's.</summary>
public sealed class EvidenceException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True for throttling, 5xx and transport failures: a later attempt may succeed.</summary>
    public bool Retryable => retryable;
}
