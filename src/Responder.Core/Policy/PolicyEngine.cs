using Responder.Core.Alerts;
using Responder.Core.Ranking;

namespace Responder.Core.Policy;

/// <summary>
/// Decides the actions for an alert: match the rules in order, merge their actions, put them in
/// execution order, then apply the guardrails that need no cluster and the dry run. With <paramref name="findings"/>, every
/// notified alert also gets a record-finding action: what people are told is also what Security Hub holds.
/// </summary>
/// <param name="options">The policy.</param>
/// <param name="globalDryRun">Hold every cluster action back.</param>
/// <param name="notifyTarget">The topic, shown as the target of notify.</param>
/// <param name="scope">Which actions the host carries out.</param>
/// <param name="findings">Add record-finding beside every notify.</param>
/// <param name="evidenceBucket">Where collect-evidence writes; without one it is not planned, so a rule can list it
/// (the default one does) and evidence starts with the bucket's configuration alone.</param>
public sealed class PolicyEngine(
    PolicyOptions options, bool globalDryRun, string? notifyTarget, ActionScope scope = ActionScope.All, bool findings = false, string? evidenceBucket = null)
{
    private static readonly Decision Nothing = new([], [], false);
    private static readonly int KindCount = Enum.GetValues<ActionKind>().Length;

    public Decision Decide(FalcoAlert alert, AlertRanking ranking)
    {
        List<string>? matched = null;
        var chosen = new (ActionSpec Spec, PolicyRule Rule)?[KindCount];
        for (var r = 0; r < options.Rules.Count; r++)
        {
            var rule = options.Rules[r];
            if (!rule.Match.Matches(alert, ranking))
            {
                continue;
            }

            (matched ??= []).Add(rule.Name);
            for (var a = 0; a < rule.Actions.Count; a++)
            {
                var spec = rule.Actions[a];
                if ((scope != ActionScope.NotifyOnly || !spec.Kind.IsClusterAction()) && (spec.Kind != ActionKind.CollectEvidence || evidenceBucket is not null))
                {
                    chosen[(int)spec.Kind] ??= (spec, rule);
                }
            }

            if (!rule.Continue)
            {
                break;
            }
        }

        if (matched is null)
        {
            return globalDryRun ? Nothing with { DryRun = true } : Nothing;
        }

        if (scope == ActionScope.Containment && !HasClusterAction(chosen))
        {
            return new Decision(matched, [], globalDryRun);
        }

        var actions = new List<PlannedAction>(KindCount);
        var heldByDryRun = globalDryRun;
        foreach (var entry in chosen)
        {
            if (entry is { } item)
            {
                var action = Plan(alert, item.Spec, item.Rule);
                heldByDryRun |= action.HeldByDryRun;
                actions.Add(action);
            }
        }

        if (findings && chosen[(int)ActionKind.Notify] is { } notify)
        {
            // Its target, the finding id, needs the alert's key and the cluster: the pipeline names it.
            actions.Add(new PlannedAction(new ActionSpec(ActionKind.RecordFinding), notify.Rule.Name, null, ActionStatus.Planned, null));
        }

        return new Decision(matched, actions, heldByDryRun);
    }

    private static bool HasClusterAction((ActionSpec Spec, PolicyRule Rule)?[] chosen)
    {
        foreach (var entry in chosen)
        {
            if (entry is { } item && item.Spec.Kind.IsClusterAction())
            {
                return true;
            }
        }

        return false;
    }

    private PlannedAction Plan(FalcoAlert alert, ActionSpec spec, PolicyRule rule)
    {
        var target = alert.Target;
        if (!spec.Kind.IsClusterAction())
        {
            return new PlannedAction(spec, rule.Name, notifyTarget, ActionStatus.Planned, null);
        }

        var targetText = spec.Kind.IsPodAction() ? (target.HasPod ? $"{target.Namespace}/{target.Pod}" : null) : target.Node;
        var refusal = Guardrails.Check(spec.Kind, target, options);
        if (refusal is not null)
        {
            return new PlannedAction(spec, rule.Name, targetText, ActionStatus.Skipped, refusal);
        }

        if (globalDryRun || rule.DryRun)
        {
            var reason = globalDryRun ? "dry-run" : $"dry-run (policy rule {rule.Name})";
            return new PlannedAction(spec, rule.Name, targetText, ActionStatus.Planned, reason) { HeldByDryRun = true };
        }

        return new PlannedAction(spec, rule.Name, targetText, ActionStatus.Planned, null);
    }
}
