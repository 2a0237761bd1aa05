namespace Responder.Lambda.Runtime;

/// <summary>One invocation as the Runtime API hands it over. <see cref="Body"/> is valid until the next one.</summary>
internal sealed record Invocation(string RequestId, DateTimeOffset Deadline, string? FunctionArn, string? TraceId, ReadOnlyMemory<byte> Body);
