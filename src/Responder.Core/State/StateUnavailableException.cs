namespace Responder.Core.State;

/// <summary>
/// The shared state (<see cref="IResponseState"/>) could not be read or written; <see cref="Retryable"/> when a later attempt
/// may work. It belongs to the port, not to an adapter, so a host handles it without knowing which store is behind the port.
/// </summary>
public sealed class StateUnavailableException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable => retryable;
}
