namespace Responder.Core.Policy;

/// <summary>What the policy decided for one alert: the rules that matched and the actions in execution order.</summary>
public sealed record Decision(IReadOnlyList<string> MatchedRules, IReadOnlyList<PlannedAction> Actions, bool DryRun);
