namespace Responder.Lambda;

/// <summary>Why an invocation (or init) failed, as the Runtime API reports it: a stable type and a readable message.</summary>
internal sealed record RuntimeFailure(string ErrorType, string Message)
{
    public const string InvalidConfiguration = "Responder.InvalidConfiguration";
    public const string UnknownHandler = "Responder.UnknownHandler";
    public const string DeadlineExceeded = "Responder.DeadlineExceeded";
    public const string RetryableFailure = "Responder.RetryableFailure";
    public const string Unhandled = "Responder.Unhandled";
    public const string StateUnavailable = "Responder.StateUnavailable";
    public const string NoCredentials = "Responder.NoCredentials";
}
