namespace Responder.Kubernetes;

/// <summary>The cluster's API server cannot be reached (unknown endpoint, no credentials, cluster not active).</summary>
public sealed class ClusterUnavailableException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable => retryable;
}
