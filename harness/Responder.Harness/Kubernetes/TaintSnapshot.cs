namespace Responder.Harness.Kubernetes;

/// <summary>One entry of a node's spec.taints.</summary>
public sealed record TaintSnapshot(string Key, string? Value, string Effect);
