using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.State;

namespace Responder.Core.Containment;

/// <summary>
/// One cluster action of one alert on its way through containment: the request (the alert and the decided action),
/// then the target as the API server has it, then the claim that keeps a retry from repeating it, then the result.
/// Each step is judged on this object; nothing is matched back by position.
/// </summary>
public sealed class ClusterAction
{
    private readonly int _index;

    internal ClusterAction(AlertOutcome outcome, int index)
    {
        Outcome = outcome;
        _index = index;
        var target = outcome.Alert.Target;
        PodRef = target.HasPod ? new PodRef(target.Namespace!, target.Pod!) : null;
        Target = Action.Target;
    }

    public AlertOutcome Outcome { get; }

    /// <summary>The action as the policy decided it.</summary>
    public PlannedAction Action => Outcome.Actions[_index];

    public ActionKind Kind => Action.Kind;

    public ActionSpec Spec => Action.Spec;

    /// <summary>The pod the alert names, if any.</summary>
    public PodRef? PodRef { get; }

    /// <summary>The alert's pod as read, when it exists and is the pod that fired.</summary>
    public PodFacts? Pod { get; internal set; }

    /// <summary>Node actions: the node as read (the pod's own node when the pod exists).</summary>
    public NodeFacts? Node { get; internal set; }

    /// <summary>Removals: the pod's controller as read.</summary>
    public Owner? Owner { get; internal set; }

    /// <summary>What the action is about: "namespace/pod", or the node as resolved.</summary>
    public string? Target { get; internal set; }

    /// <summary>The state key that keeps a retry from repeating this action on this target for this alert.</summary>
    internal string? ClaimKey { get; set; }

    internal Claim? Claim { get; set; }

    public PortResult? Result { get; private set; }

    /// <summary>Said beside a successful result in the report: a removal that went ahead without the pod's evidence.</summary>
    internal string? Note { get; set; }

    public bool IsSettled => Result is not null;

    /// <summary>Settles the action; only the first result counts, so a check cannot be overridden by a later step.</summary>
    public void Complete(PortResult result)
    {
        if (Result is not null)
        {
            throw new InvalidOperationException($"{Kind.ToWire()} on {Target} already has a result");
        }

        Result = result;
    }

    internal void Skip(string reason) => Complete(new PortResult(ActionStatus.Skipped, reason));

    /// <summary>Writes the result and the resolved target into the alert's outcome.</summary>
    internal void Report()
    {
        var result = Result ?? throw new InvalidOperationException($"{Kind.ToWire()} on {Target} has no result");
        if (Note is not null && result.Status == ActionStatus.Succeeded)
        {
            result = result with { Reason = result.Reason is null ? Note : $"{Note}; {result.Reason}" };
        }

        Outcome.Update(_index, result, Target);
    }
}
