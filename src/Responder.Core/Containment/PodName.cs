namespace Responder.Core.Containment;

/// <summary>A pod named by the operator: its namespace and name.</summary>
public sealed record PodName(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}
