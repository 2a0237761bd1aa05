namespace Responder.Lambda;

/// <summary>What an invocation hands back: a response body, or a failure that makes Lambda retry.</summary>
internal sealed record InvocationResult(ReadOnlyMemory<byte> Body, RuntimeFailure? Failure)
{
    public static InvocationResult Ok(ReadOnlyMemory<byte> body) => new(body, null);

    public static InvocationResult Fail(RuntimeFailure failure) => new(ReadOnlyMemory<byte>.Empty, failure);
}
