namespace Responder.Harness.Kubernetes;

/// <summary>
/// An object the fake removed, and how: the fake removes at once what a real cluster would leave
/// terminating for the grace period, so the grace period asked for is kept here to be asserted.
/// </summary>
/// <param name="Via">"delete" or "eviction".</param>
public sealed record DeletionRecord(ResourceType Type, string? Namespace, string Name, string Uid, long? GracePeriodSeconds, string Via, DateTimeOffset At);
