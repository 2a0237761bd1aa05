using Responder.Core.Alerts;
using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.State;

namespace Responder.Core.Response;

/// <summary>One alert through the pipeline: what it was, how it ranked, what was decided and done.</summary>
/// <param name="scoreTerms">The terms of <paramref name="ranking"/>, as the ranker made them.</param>
public sealed class AlertOutcome(IngestedRecord record, FalcoAlert alert, AlertRanking ranking, IReadOnlyList<ScoreTerm> scoreTerms, Decision decision)
{
    // The decision's parts, not the decision: its list of actions would be held twice for every alert of a batch.
    private readonly PlannedAction[] _actions = [.. decision.Actions];
    private readonly IReadOnlyList<string> _matchedRules = decision.MatchedRules;
    private readonly bool _dryRun = decision.DryRun;
    private string? _key;

    public string Id => record.Id;

    public IngestedRecord Record => record;

    public FalcoAlert Alert => alert;

    public AlertRanking Ranking => ranking;

    /// <summary>How <see cref="Ranking"/> was made, term by term: what notifications and <c>explain</c> say of the score.</summary>
    public IReadOnlyList<ScoreTerm> ScoreTerms => scoreTerms;

    public IReadOnlyList<string> MatchedRules => _matchedRules;

    public bool DryRun => _dryRun;

    /// <summary>The actions in execution order, with their current status.</summary>
    public IReadOnlyList<PlannedAction> Actions => _actions;

    /// <summary>The dedupe key: rule, namespace, pod, node and output without its time prefix.</summary>
    public string Key => _key ??= StateKeys.Alert(alert, record.Origin.Drill);

    /// <summary>Repeats of this alert in the same batch, rejected as duplicates and counted here.</summary>
    public int Repeats { get; private set; }

    /// <summary>The latest time among the repeats, so a message can say when the alert was last seen.</summary>
    public string? LastRepeatTime { get; private set; }

    internal void AddRepeat(AlertOutcome repeat)
    {
        Repeats += 1 + repeat.Repeats;
        foreach (var time in new[] { repeat.Alert.Time, repeat.LastRepeatTime })
        {
            // ISO-8601 UTC times compare as text.
            if (time is not null && (LastRepeatTime is null || string.CompareOrdinal(time, LastRepeatTime) > 0))
            {
                LastRepeatTime = time;
            }
        }
    }

    /// <summary>Gives the actions of a kind their target, known only once the alert is keyed; only the pipeline calls this.</summary>
    internal void Name(ActionKind kind, string target)
    {
        for (var i = 0; i < _actions.Length; i++)
        {
            if (_actions[i].Kind == kind)
            {
                _actions[i] = _actions[i] with { Target = target };
            }
        }
    }

    /// <summary>Records what became of an action; only the pipeline calls this.</summary>
    internal void Update(int index, PortResult result, string? target = null) =>
        _actions[index] = _actions[index] with { Status = result.Status, Reason = result.Reason, Retryable = result.Retryable, Executed = true, Target = target ?? _actions[index].Target };
}
