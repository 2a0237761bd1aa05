namespace Responder.Core.Containment;

/// <summary>A pod as an alert names it; the names are already valid Kubernetes names.</summary>
public sealed record PodRef(string Namespace, string Name)
{
    public string Key => $"{Namespace}/{Name}";

    public override string ToString() => Key;
}
