namespace Responder.Core.Policy;

/// <summary>What evict-pod does when a PodDisruptionBudget refuses: give up (skipped) or delete anyway.</summary>
public enum PdbRefusal
{
    Skip,
    Delete,
}
