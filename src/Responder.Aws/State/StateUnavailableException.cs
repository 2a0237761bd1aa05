namespace Responder.Aws.State;

/// <summary>The state table could not be read or written; <see cref="Retryable"/> when a later attempt may work.</summary>
public sealed class StateUnavailableException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable => retryable;
}
