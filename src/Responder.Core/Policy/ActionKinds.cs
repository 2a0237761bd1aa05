namespace Responder.Core.Policy;

/// <summary>
/// What is known of each action kind without a cluster: its name in configuration and reports, what it acts on,
/// the stage it runs in and the blast-radius limit that counts it. The cluster side of each kind (its API calls,
/// permissions and undo) is its actioner in the Kubernetes project.
/// </summary>
public static class ActionKinds
{
    private static readonly ActionKindInfo[] Table =
    [
        new(ActionKind.LabelPod, "label-pod", ActionTarget.Pod, ActionStage.Hold, LimitBucket.None),
        new(ActionKind.IsolatePod, "isolate-pod", ActionTarget.Pod, ActionStage.Hold, LimitBucket.None),
        new(ActionKind.CordonNode, "cordon-node", ActionTarget.Node, ActionStage.Hold, LimitBucket.Cordons),
        new(ActionKind.TaintNode, "taint-node", ActionTarget.Node, ActionStage.Hold, LimitBucket.Cordons),
        new(ActionKind.CollectEvidence, "collect-evidence", ActionTarget.Pod, ActionStage.Evidence, LimitBucket.None),
        new(ActionKind.SnapshotNode, "snapshot-node", ActionTarget.Node, ActionStage.Evidence, LimitBucket.Snapshots),
        new(ActionKind.EvictPod, "evict-pod", ActionTarget.Pod, ActionStage.Removal, LimitBucket.Deletes),
        new(ActionKind.DeletePod, "delete-pod", ActionTarget.Pod, ActionStage.Removal, LimitBucket.Deletes),
        new(ActionKind.Notify, "notify", ActionTarget.Topic, ActionStage.Notify, LimitBucket.None),
        new(ActionKind.RecordFinding, "record-finding", ActionTarget.Finding, ActionStage.Notify, LimitBucket.None, InPolicy: false),
    ];

    public static ActionKindInfo Info(this ActionKind kind) => Table[(int)kind];

    public static string ToWire(this ActionKind kind) => Table[(int)kind].Wire;

    /// <summary>A kind a policy rule may name.</summary>
    public static bool TryParse(string? text, out ActionKind kind)
    {
        foreach (var info in Table)
        {
            if (info.InPolicy && info.Wire == text)
            {
                kind = info.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The kinds a policy rule may name.</summary>
    public static IEnumerable<string> WireNames => Table.Where(k => k.InPolicy).Select(k => k.Wire);

    /// <summary>Every kind a report may show, record-finding included.</summary>
    public static IEnumerable<string> ReportNames => Table.Select(k => k.Wire);

    public static bool IsPodAction(this ActionKind kind) => Table[(int)kind].Target == ActionTarget.Pod;

    public static bool IsNodeAction(this ActionKind kind) => Table[(int)kind].Target == ActionTarget.Node;

    /// <summary>Actions that copy evidence out of the cluster: they read, never change what they act on.</summary>
    public static bool IsEvidence(this ActionKind kind) => Table[(int)kind].Stage == ActionStage.Evidence;

    /// <summary>Actions on the cluster (evidence included): held back by dry run, refused in protected namespaces.</summary>
    public static bool IsClusterAction(this ActionKind kind) => Table[(int)kind].Target is ActionTarget.Pod or ActionTarget.Node;
}
