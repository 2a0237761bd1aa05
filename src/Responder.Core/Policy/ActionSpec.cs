namespace Responder.Core.Policy;

/// <summary>An action of a policy rule with its parameters; parameters that do not apply to the kind stay null.</summary>
public sealed record ActionSpec(ActionKind Kind)
{
    /// <summary>delete-pod, evict-pod: seconds the pod gets to stop; 0 kills it at once.</summary>
    public int? GracePeriodSeconds { get; init; }

    /// <summary>evict-pod: what to do when a PodDisruptionBudget refuses the eviction.</summary>
    public PdbRefusal OnPdbRefusal { get; init; } = PdbRefusal.Skip;

    /// <summary>collect-evidence: whether the pod's removal waits for its evidence.</summary>
    public EvidenceFailure OnEvidenceFailure { get; init; } = EvidenceFailure.Proceed;

    /// <summary>taint-node: the taint to add.</summary>
    public NodeTaint? Taint { get; init; }

    /// <summary>label-pod: labels added beside the evidence labels; isolate-pod: the quarantine label.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
