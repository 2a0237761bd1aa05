using Responder.Core.Response;

namespace Responder.Core.Containment;

/// <summary>What a read found: the object, nothing (404: gone; the default), or a failure to read it.</summary>
public readonly record struct Lookup<T>(T? Value, PortResult? Failure)
    where T : class
{
    public bool IsGone => Value is null && Failure is null;
}
