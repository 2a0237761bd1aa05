using Responder.Core.Policy;

namespace Responder.Core.Containment;

/// <summary>
/// Whether a pod may be taken away before its evidence is kept, judged on the results of the batch's collect-evidence
/// actions on that pod. One decision per pod: when any alert asked to hold the pod until its evidence is in the store
/// (on_evidence_failure = "hold") and it is not, no removal of that pod runs in this batch, whichever alert asks for it.
/// With "proceed" the removal runs, and says it went ahead without the evidence.
/// </summary>
internal static class EvidenceGuard
{
    public static void Check(IReadOnlyList<ClusterAction> actions, IReadOnlyList<ClusterAction> removals)
    {
        var missing = actions
            .Where(a => a.Kind == ActionKind.CollectEvidence && a.Target is not null && a.Result is { Status: not ActionStatus.Succeeded })
            .GroupBy(a => a.Target!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var removal in removals.Where(r => !r.IsSettled))
        {
            if (!missing.TryGetValue(removal.Target!, out var evidence))
            {
                continue;
            }

            var why = $"collect-evidence {evidence[0].Result!.Value.Status.ToWire()}: {evidence[0].Result!.Value.Reason}";
            if (evidence.Any(e => e.Spec.OnEvidenceFailure == EvidenceFailure.Hold))
            {
                removal.Skip($"evidence-missing: the pod is kept until its evidence is stored (on_evidence_failure = \"hold\"); {why}");
            }
            else
            {
                removal.Note = $"evidence-missing: removed without its evidence (on_evidence_failure = \"proceed\"); {why}";
            }
        }
    }
}
