namespace Responder.Core.Alerts;

/// <summary>
/// Where an alert points in the cluster. Each name is already a valid Kubernetes name, or null.
/// <see cref="NodeSource"/> says where the node came from, for explanations and notifications.
/// </summary>
public sealed record AlertTarget(string? Namespace, string? Pod, string? Node, string? NodeSource)
{
    public static readonly AlertTarget None = new(null, null, null, null);

    /// <summary>k8s.pod.uid: which pod of that name fired. A pod of the name with another uid is a replacement.</summary>
    public string? PodUid { get; init; }

    public bool HasPod => Namespace is not null && Pod is not null;
}
