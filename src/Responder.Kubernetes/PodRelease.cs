using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;

namespace Responder.Kubernetes;

/// <summary>Takes one pod out of quarantine: its quarantine labels are removed; its evidence labels and annotations stay.</summary>
internal sealed class PodRelease(IKubernetes client, KubeCalls calls, ReleaseMarks marks)
{
    public async Task<ReleaseOutcome> ReleaseAsync(PodName name, bool dryRun, CancellationToken cancellationToken)
    {
        V1Pod pod;
        try
        {
            pod = await calls.RunAsync(t => client.CoreV1.ReadNamespacedPodAsync(name.Name, name.Namespace, cancellationToken: t), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
        {
            return Outcome(name, ActionStatus.Failed, ReleaseErrors.Reason(ex, $"pod {name}", cancellationToken));
        }

        return await ReleaseAsync(pod, dryRun, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReleaseOutcome> ReleaseAsync(V1Pod pod, bool dryRun, CancellationToken cancellationToken)
    {
        var name = new PodName(pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        var held = marks.QuarantineIn(pod.Metadata.Labels);
        if (held.Count == 0)
        {
            return Outcome(name, ActionStatus.Skipped, $"not-quarantined: the pod has no quarantine label ({marks.Describe()})");
        }

        var reason = "quarantine label " + string.Join(", ", held.Select(ReleaseMarks.Describe));
        var finding = pod.Metadata.Annotations?.TryGetValue(Evidence.FindingId, out var id) == true ? id : null;
        if (dryRun)
        {
            return Outcome(name, ActionStatus.Planned, reason) with { FindingId = finding };
        }

        // A merge patch with null removes just these labels; labels are a map, so nothing else is rewritten.
        var labels = new JsonObject();
        foreach (var label in held)
        {
            labels[label.Key] = null;
        }

        var patch = new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labels } }.ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            await calls.RunAsync(t => client.CoreV1.PatchNamespacedPodAsync(patch, name.Name, name.Namespace, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return Outcome(name, ActionStatus.Succeeded, reason) with { FindingId = finding };
        }
        catch (Exception ex) when (ReleaseErrors.IsApiFailure(ex))
        {
            return Outcome(name, ActionStatus.Failed, ReleaseErrors.Reason(ex, $"pod {name}", cancellationToken));
        }
    }

    public static ReleaseOutcome Outcome(PodName name, ActionStatus status, string reason) =>
        new(ReleaseOutcome.UnisolatePod, name.ToString(), status, reason);
}
