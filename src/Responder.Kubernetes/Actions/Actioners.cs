using Responder.Core.Policy;

namespace Responder.Kubernetes.Actions;

/// <summary>Every cluster action kind's actioner. Adding a kind: its row in ActionKinds, its actioner here, its verbs in rbac.yaml.</summary>
internal static class Actioners
{
    public static readonly IReadOnlyList<IActioner> All =
        [new LabelPod(), new IsolatePod(), new CordonNode(), new TaintNode(), new CollectEvidence(), new SnapshotNode(), new EvictPod(), new DeletePod()];

    private static readonly Dictionary<ActionKind, IActioner> ByKind = All.ToDictionary(a => a.Kind);

    public static IActioner For(ActionKind kind) =>
        ByKind.TryGetValue(kind, out var actioner) ? actioner : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a cluster action");
}
