namespace Responder.Core.Policy;

/// <summary>A node taint; <see cref="Effect"/> is NoSchedule, PreferNoSchedule or NoExecute.</summary>
public sealed record NodeTaint(string Key, string? Value, string Effect)
{
    /// <summary>NoSchedule and NoExecute keep new pods off the node, as a cordon does; PreferNoSchedule only discourages them.</summary>
    public bool KeepsPodsOff => Effect is "NoSchedule" or "NoExecute";

    public override string ToString() => Value is null ? $"{Key}:{Effect}" : $"{Key}={Value}:{Effect}";
}
