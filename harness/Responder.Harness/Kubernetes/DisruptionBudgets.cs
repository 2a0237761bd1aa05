namespace Responder.Harness.Kubernetes;

/// <summary>
/// PodDisruptionBudgets reduced to what the responder meets: a switch that makes the eviction of
/// some pods fail with 429 (deletes are never stopped by a budget, as in a real cluster).
/// </summary>
internal sealed class DisruptionBudgets
{
    private readonly Lock _gate = new();
    private readonly List<EvictionRefusal> _refusals = [];

    public void Add(EvictionRefusal refusal)
    {
        lock (_gate)
        {
            _refusals.Add(refusal);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _refusals.Clear();
        }
    }

    /// <summary>The name of a budget that refuses evicting this pod, or null.</summary>
    public string? Refusing(PodSnapshot pod)
    {
        lock (_gate)
        {
            return _refusals.FirstOrDefault(r => r.Covers(pod))?.Budget;
        }
    }
}
