using System.Diagnostics.CodeAnalysis;

namespace Responder.Hosting;

/// <summary>What the composition root gives a host: the thing it built, or the problem that kept it from being built.</summary>
public sealed class Composed<T>
    where T : class
{
    internal Composed(T value)
    {
        Value = value;
        IsBuilt = true;
    }

    internal Composed(PortProblem problem) => Problem = problem;

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsBuilt { get; }

    public T? Value { get; }

    public PortProblem? Problem { get; }
}
