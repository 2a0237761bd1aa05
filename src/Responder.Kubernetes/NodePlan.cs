using System.Text.Json.Nodes;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;

namespace Responder.Kubernetes;

/// <summary>
/// What releasing one node, as read, takes: the uncordon (only of the responder's own cordon, unless
/// forced), the removal of its annotation, and the removal of the responder's taints. Written as one
/// JSON patch guarded by the resourceVersion it was read at; other taints are never rewritten, only
/// the responder's are removed by index.
/// </summary>
internal sealed class NodePlan
{
    private readonly string _name;
    private readonly string _resourceVersion;
    private readonly bool _uncordon;
    private readonly bool _removeAnnotation;
    private readonly string _cordonReason;
    private readonly List<int> _taintIndexes;
    private readonly string _taintReason;
    private readonly string? _findingId;

    private NodePlan(V1Node node, ReleaseMarks marks, bool force)
    {
        _name = node.Metadata.Name;
        _resourceVersion = node.Metadata.ResourceVersion;
        string? cordonedBy = null;
        _removeAnnotation = node.Metadata.Annotations?.TryGetValue(Evidence.CordonedBy, out cordonedBy) == true;
        _findingId = node.Metadata.Annotations?.TryGetValue(Evidence.FindingId, out var finding) == true ? finding : null;
        var unschedulable = node.Spec?.Unschedulable == true;
        (_uncordon, _cordonReason) = (unschedulable, _removeAnnotation) switch
        {
            (true, true) => (true, $"cordoned by the responder: {cordonedBy}"),
            (true, false) when force => (true, $"forced: cordoned by someone else (no {Evidence.CordonedBy} annotation)"),
            (true, false) => (false, $"not-responder: cordoned by someone else (no {Evidence.CordonedBy} annotation); --force uncordons it"),
            (false, true) => (false, $"already schedulable: the responder's {Evidence.CordonedBy} annotation is removed"),
            (false, false) => (false, "not-cordoned: the node is schedulable"),
        };

        var taints = node.Spec?.Taints ?? [];
        _taintIndexes = [.. taints.Select((t, i) => (t, i)).Where(p => marks.IsResponderTaint(p.t.Key)).Select(p => p.i)];
        _taintReason = _taintIndexes.Count == 0
            ? "not-tainted: no taint of the responder on the node"
            : "taint " + string.Join(", ", _taintIndexes.Select(i => Describe(taints[i])));
    }

    /// <summary>Whether anything is to be written.</summary>
    public bool Writes => _uncordon || _removeAnnotation || _taintIndexes.Count > 0;

    /// <summary>The finding of the alert that held the node; its annotation goes with the hold.</summary>
    public string? FindingId => _findingId;

    public static NodePlan Of(V1Node node, ReleaseMarks marks, bool force) => new(node, marks, force);

    public string Patch()
    {
        List<JsonObject> operations = [new() { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = _resourceVersion }];
        if (_removeAnnotation)
        {
            operations.Add(Remove("/metadata/annotations/" + Escape(Evidence.CordonedBy)));
        }

        if (_findingId is not null)
        {
            // Gone with the hold it speaks for: a later taint must not be taken for this alert's.
            operations.Add(Remove("/metadata/annotations/" + Escape(Evidence.FindingId)));
        }

        if (_uncordon)
        {
            // Absent, as kubectl uncordon leaves it, rather than false.
            operations.Add(Remove("/spec/unschedulable"));
        }

        // From the last to the first, so each index still points at the taint it was read at.
        foreach (var index in Enumerable.Reverse(_taintIndexes))
        {
            operations.Add(Remove($"/spec/taints/{index}"));
        }

        return new JsonArray([.. operations]).ToJsonString();
    }

    /// <summary>The two report lines: the steps that write get <paramref name="done"/> (or the failure), the others are skipped.</summary>
    public IReadOnlyList<ReleaseOutcome> Outcomes(ActionStatus done, string? failure = null)
    {
        var status = failure is null ? done : ActionStatus.Failed;
        var cordonWrites = _uncordon || _removeAnnotation;
        return
        [
            new(ReleaseOutcome.UncordonNode, _name, cordonWrites ? status : ActionStatus.Skipped, cordonWrites ? failure ?? _cordonReason : _cordonReason)
            {
                FindingId = cordonWrites ? _findingId : null,
            },
            new(ReleaseOutcome.UntaintNode, _name, _taintIndexes.Count > 0 ? status : ActionStatus.Skipped, _taintIndexes.Count > 0 ? failure ?? _taintReason : _taintReason)
            {
                FindingId = _taintIndexes.Count > 0 ? _findingId : null,
            },
        ];
    }

    /// <summary>Both lines failed, when the node could not be read at all.</summary>
    public static IReadOnlyList<ReleaseOutcome> Failed(string node, string reason) =>
        [new(ReleaseOutcome.UncordonNode, node, ActionStatus.Failed, reason), new(ReleaseOutcome.UntaintNode, node, ActionStatus.Failed, reason)];

    /// <summary>Whether the node carries anything of the responder's, for <c>--all</c>.</summary>
    public static bool IsHeld(V1Node node, ReleaseMarks marks) =>
        node.Metadata.Annotations?.ContainsKey(Evidence.CordonedBy) == true || node.Spec?.Taints?.Any(t => marks.IsResponderTaint(t.Key)) == true;

    private static JsonObject Remove(string path) => new() { ["op"] = "remove", ["path"] = path };

    // RFC 6901: '~' and '/' inside a key.
    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Describe(V1Taint taint) => taint.Value is null ? $"{taint.Key}:{taint.Effect}" : $"{taint.Key}={taint.Value}:{taint.Effect}";
}
