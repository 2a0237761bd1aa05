namespace Responder.Core.Policy;

public static class ActionKinds
{
    public static string ToWire(this ActionKind kind) => kind switch
    {
        ActionKind.Notify => "notify",
        ActionKind.CordonNode => "cordon-node",
        ActionKind.TaintNode => "taint-node",
        ActionKind.DeletePod => "delete-pod",
        ActionKind.EvictPod => "evict-pod",
        ActionKind.LabelPod => "label-pod",
        ActionKind.IsolatePod => "isolate-pod",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? text, out ActionKind kind)
    {
        foreach (var candidate in Enum.GetValues<ActionKind>())
        {
            if (candidate.ToWire() == text)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static IEnumerable<string> WireNames => Enum.GetValues<ActionKind>().Select(k => k.ToWire());

    public static bool IsPodAction(this ActionKind kind) =>
        kind is ActionKind.DeletePod or ActionKind.EvictPod or ActionKind.LabelPod or ActionKind.IsolatePod;

    public static bool IsNodeAction(this ActionKind kind) => kind is ActionKind.CordonNode or ActionKind.TaintNode;

    /// <summary>Actions that change the cluster: held back by dry run, refused in protected namespaces.</summary>
    public static bool IsClusterAction(this ActionKind kind) => kind != ActionKind.Notify;
}
