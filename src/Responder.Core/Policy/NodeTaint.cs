namespace Responder.Core.Policy;

/// <summary>A node taint; <see cref="Effect"/> is NoSchedule, PreferNoSchedule or NoExecute.</summary>
public sealed record NodeTaint(string Key, string Value, string Effect);
