namespace Responder.Harness.Kubernetes;

/// <summary>One entry of metadata.ownerReferences.</summary>
public sealed record OwnerSnapshot(string ApiVersion, string Kind, string Name, string Uid, bool Controller);
