using Responder.Core.Alerts;
using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Ranking;

namespace Responder.Core.Response;

/// <summary>One alert through the pipeline: what it was, how it ranked, what was decided and done.</summary>
public sealed class AlertOutcome(IngestedRecord record, FalcoAlert alert, AlertRanking ranking, Decision decision)
{
    private readonly PlannedAction[] _actions = [.. decision.Actions];

    public string Id => record.Id;

    public IngestedRecord Record => record;

    public FalcoAlert Alert => alert;

    public AlertRanking Ranking => ranking;

    public IReadOnlyList<string> MatchedRules => decision.MatchedRules;

    public bool DryRun => decision.DryRun;

    /// <summary>The actions in execution order, with their current status.</summary>
    public IReadOnlyList<PlannedAction> Actions => _actions;

    /// <summary>Records what became of an action; only the pipeline calls this.</summary>
    internal void Update(int index, PortResult result) =>
        _actions[index] = _actions[index] with { Status = result.Status, Reason = result.Reason, Retryable = result.Retryable, Executed = true, Target = result.Target ?? _actions[index].Target };
}
