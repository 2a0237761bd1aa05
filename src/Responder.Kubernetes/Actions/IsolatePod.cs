using System.Text.Json.Nodes;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>
/// isolate-pod: the quarantine labels on the pod and the deny-all policy that selects them. Succeeded only when the
/// pod is isolated as far as the namespace's NetworkPolicies show: no other policy selecting it lets traffic through.
/// Release removes the labels, then the policy once no pod needs it.
/// </summary>
internal sealed class IsolatePod : IActioner
{
    public ActionKind Kind => ActionKind.IsolatePod;

    public IReadOnlyList<ApiPermission> Permissions { get; } =
    [
        new("", "pods", "patch"),
        new("networking.k8s.io", "networkpolicies", "create"),
        new("networking.k8s.io", "networkpolicies", "get"),
        new("networking.k8s.io", "networkpolicies", "list"),
    ];

    public IReadOnlyList<string> Undo { get; } = [ReleaseOutcome.UnisolatePod, ReleaseOutcome.DeleteQuarantinePolicy];

    public async Task<PortResult> ExecuteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken)
    {
        var pod = action.Pod!;
        var labels = action.Spec.Labels;
        var metadata = new JsonObject { ["labels"] = new JsonObject([.. labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]) };
        if (Evidence.Finding(action.Outcome) is not null)
        {
            metadata["annotations"] = Evidence.AddFinding([], action.Outcome);
        }

        // The label, the policy and the namespace's other policies side by side: a policy made before its pod is
        // labelled selects nothing yet, and one left without a pod is what release removes.
        var labelled = PodWrites.PatchAsync(context, pod, metadata, cancellationToken);
        var policy = context.Quarantine.EnsureAsync(pod.Namespace, labels, cancellationToken);
        var others = context.Quarantine.ListAsync(pod.Namespace, cancellationToken);
        await Task.WhenAll(labelled, policy, others).ConfigureAwait(false);

        if (labelled.Result.Status != ActionStatus.Succeeded)
        {
            return labelled.Result;
        }

        if (policy.Result.Status != ActionStatus.Succeeded)
        {
            return policy.Result;
        }

        if (others.Result.Failure is { } failure)
        {
            return failure with { Reason = $"isolation-unverified: the namespace's NetworkPolicies could not be read: {failure.Reason}" };
        }

        var quarantined = new Dictionary<string, string>(pod.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            quarantined[key] = value;
        }

        var own = QuarantinePolicies.NameFor(labels);
        foreach (var other in others.Result.Value!.Where(p => p.Metadata.Name != own))
        {
            if (PolicyShape.Allows(other, quarantined) is { } allowed)
            {
                return new PortResult(ActionStatus.Failed,
                    $"isolation-incomplete: NetworkPolicy {pod.Namespace}/{other.Metadata.Name} also selects the pod and allows {allowed}; policies add up, so the pod is not isolated");
            }
        }

        return policy.Result;
    }
}
