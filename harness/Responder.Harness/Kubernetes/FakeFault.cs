using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>What the fake does instead of serving a request: answer with a Status error, or drop the connection.</summary>
public sealed record FakeFault
{
    private FakeFault(int status, string reason, string message, int? retryAfterSeconds, bool dropConnection)
    {
        Status = status;
        Reason = reason;
        Message = message;
        RetryAfterSeconds = retryAfterSeconds;
        DropsConnection = dropConnection;
    }

    public int Status { get; }

    public string Reason { get; }

    public string Message { get; }

    public int? RetryAfterSeconds { get; }

    public bool DropsConnection { get; }

    /// <summary>Any status, with a Status body carrying the reason and message.</summary>
    public static FakeFault WithStatus(int status, string reason, string message, int? retryAfterSeconds = null) =>
        new(status, reason, message, retryAfterSeconds, dropConnection: false);

    public static FakeFault InternalError() =>
        WithStatus(500, "InternalError", "Internal error occurred: etcdserver: request timed out");

    public static FakeFault Conflict(string message = "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again") =>
        WithStatus(409, "Conflict", message);

    /// <summary>API priority and fairness turning a request away, with the Retry-After it sends.</summary>
    public static FakeFault TooManyRequests(int retryAfterSeconds = 1) =>
        WithStatus(429, "TooManyRequests", "Too many requests, please try again later.", retryAfterSeconds);

    public static FakeFault ServiceUnavailable() =>
        WithStatus(503, "ServiceUnavailable", "the server is currently unable to handle the request");

    /// <summary>The connection is aborted before any response: the client sees a reset, not a status.</summary>
    public static FakeFault ConnectionReset() => new(0, string.Empty, string.Empty, null, dropConnection: true);

    internal JsonObject Body() => StatusBody.Failure(Status, Reason, Message, RetryAfterSeconds is { } seconds
        ? new JsonObject { ["retryAfterSeconds"] = seconds }
        : null);
}
