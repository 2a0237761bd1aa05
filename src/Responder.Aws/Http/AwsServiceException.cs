using System.Net;

namespace Responder.Aws.Http;

/// <summary>An AWS call that failed for good: the service's error code and message, and whether a later retry could work.</summary>
public sealed class AwsServiceException(string service, HttpStatusCode? status, string code, string message, bool retryable, Exception? inner = null)
    : Exception($"{service}: {code}: {message}", inner)
{
    public string Service => service;

    public HttpStatusCode? Status => status;

    public string Code => code;

    public string ServiceMessage => message;

    /// <summary>True for throttling, 5xx and transport failures: the invocation may succeed when Lambda retries it.</summary>
    public bool Retryable => retryable;
}
