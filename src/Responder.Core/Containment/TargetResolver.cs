using Responder.Core.Alerts;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.Trust;

namespace Responder.Core.Containment;

/// <summary>
/// Points each action at the object the API server has, or settles it when there is none to act on. A pod action
/// acts on the alert's pod only if it is the pod that fired (its uid, else its creation time); a node action acts on
/// that pod's own node, whatever hostname the alert carries, and on the alert's node only when the pod is gone.
/// </summary>
internal sealed class TargetResolver(TimeSpan clockSkew)
{
    public void Resolve(ClusterAction action, ClusterSnapshot snapshot)
    {
        PodFacts? pod = null;
        if (action.PodRef is { } named)
        {
            var lookup = snapshot.Pods[named.Key];
            if (lookup.Failure is { } failure)
            {
                // Without the pod there is no knowing which node it is on: nothing is acted on.
                action.Complete(failure);
                return;
            }

            pod = lookup.Value;
            if (pod is not null && Replaced(action.Outcome.Alert, pod) is { } replaced)
            {
                action.Skip(replaced);
                return;
            }
        }

        if (action.Outcome.Record.Origin.Drill && DrillRefusal(action.PodRef, pod) is { } refusal)
        {
            action.Skip(refusal);
            return;
        }

        if (action.Kind.IsPodAction())
        {
            ResolvePod(action, pod);
        }
        else
        {
            ResolveNode(action, pod, snapshot.Nodes);
        }
    }

    private static void ResolvePod(ClusterAction action, PodFacts? pod)
    {
        if (pod is null)
        {
            // Taking away a pod that is already gone is done; marking or isolating it is not possible.
            var status = action.Kind.Info().Stage == ActionStage.Removal ? ActionStatus.Succeeded : ActionStatus.Skipped;
            action.Complete(new PortResult(status, "gone: the pod no longer exists"));
            return;
        }

        action.Pod = pod;
        action.Target = pod.Key;
    }

    private static void ResolveNode(ClusterAction action, PodFacts? pod, Lookup<IReadOnlyDictionary<string, NodeFacts>> nodes)
    {
        var alert = action.Outcome.Alert;
        string? name;
        if (pod is not null)
        {
            name = pod.NodeName;
            if (name is null)
            {
                action.Skip($"no-node: pod {pod.Key} is not scheduled on a node");
                return;
            }
        }
        else if (alert.Source == "k8s_audit")
        {
            // An audit event happens in the API server: hostname is the node of the Falco that read the audit log.
            action.Skip(action.PodRef is { } gone
                ? $"no-node: pod {gone} is gone, and a k8s_audit alert's hostname is the node of the Falco that read the audit log, not the pod's"
                : "no-node: a k8s_audit alert's hostname is the node of the Falco that read the audit log, not a node the alert is about");
            return;
        }
        else
        {
            name = alert.Target.Node;
            if (name is null)
            {
                action.Skip(action.PodRef is null ? "no-node: the alert names no valid node" : "no-node: the alert names no node and its pod is gone");
                return;
            }
        }

        if (nodes.Failure is { } failure)
        {
            action.Complete(failure);
            return;
        }

        if (nodes.Value?.GetValueOrDefault(name) is not { } node)
        {
            action.Skip($"no-node: node {name} is not in the cluster");
            return;
        }

        action.Pod = pod;
        action.Node = node;
        action.Target = node.Name;
    }

    /// <summary>Why the pod of this name is not the pod that fired, or null when it is.</summary>
    private string? Replaced(FalcoAlert alert, PodFacts pod)
    {
        if (alert.Target.PodUid is { } uid)
        {
            return uid == pod.Uid ? null : $"pod-replaced: pod {pod.Key} has uid {pod.Uid}, the alert's pod had uid {uid}";
        }

        if (!FalcoTime.TryParse(alert.Time, out var fired))
        {
            return $"pod-unverified: the alert carries neither k8s.pod.uid nor a time, so pod {pod.Key} cannot be shown to be the pod that fired";
        }

        if (pod.Created is not { } created)
        {
            return $"pod-unverified: pod {pod.Key} has no creation time, so it cannot be shown to be the pod that fired";
        }

        return created > fired + clockSkew
            ? $"pod-replaced: pod {pod.Key} was created at {created.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}, after the alert ({alert.Time})"
            : null;
    }

    // A drill must not even leave evidence labels on a pod that is not a drill target.
    private static string? DrillRefusal(PodRef? named, PodFacts? pod) => (named, pod) switch
    {
        (null, _) => $"drill-target: the alert names no pod; a drill acts only on pods labelled {DrillTarget.Label}",
        (_, null) => $"drill-target: pod {named} does not exist; a drill acts only on pods labelled {DrillTarget.Label}",
        _ when pod.Labels.TryGetValue(DrillTarget.LabelKey, out var value) && value == DrillTarget.LabelValue => null,
        _ => $"drill-target: pod {named} is not labelled {DrillTarget.Label}",
    };
}
