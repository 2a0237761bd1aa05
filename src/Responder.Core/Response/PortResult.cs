using Responder.Core.Policy;

namespace Responder.Core.Response;

/// <summary>What a port reports for one action: done, skipped by a check, or failed, with the reason.</summary>
public readonly record struct PortResult(ActionStatus Status, string? Reason);
