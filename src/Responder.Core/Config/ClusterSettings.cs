namespace Responder.Core.Config;

/// <param name="Name">The EKS cluster name; null when none is configured.</param>
public sealed record ClusterSettings(string? Name);
