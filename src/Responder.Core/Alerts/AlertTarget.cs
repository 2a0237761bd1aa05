namespace Responder.Core.Alerts;

/// <summary>
/// Where an alert points in the cluster. Each name is already a valid Kubernetes name, or null.
/// <see cref="NodeSource"/> says where the node came from, for explanations and notifications.
/// </summary>
public sealed record AlertTarget(string? Namespace, string? Pod, string? Node, string? NodeSource)
{
    public static readonly AlertTarget None = new(null, null, null, null);

    public bool HasPod => Namespace is not null && Pod is not null;
}
