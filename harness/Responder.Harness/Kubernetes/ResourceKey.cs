namespace Responder.Harness.Kubernetes;

/// <summary>Where an object lives in the store; cluster-scoped objects have an empty namespace.</summary>
internal readonly record struct ResourceKey(ResourceType Type, string Namespace, string Name)
{
    public static ResourceKey Of(ResourceType type, string? ns, string name) =>
        new(type, type.Namespaced ? ns ?? string.Empty : string.Empty, name);
}
