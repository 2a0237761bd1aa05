namespace Responder.Harness.Kubernetes;

/// <summary>What a DELETE or an eviction asks for, from its query and its DeleteOptions body.</summary>
internal sealed record DeleteRequest(string? UidPrecondition, string? ResourceVersionPrecondition, long? GracePeriodSeconds, string Via, bool DryRun)
{
    public bool RespectsDisruptionBudgets => Via == "eviction";
}
