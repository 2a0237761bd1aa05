using Responder.Core.Alerts;
using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Harness;

namespace Responder.Core.Tests.Policy;

/// <summary>Ranks and decides one alert the way the pipeline does, under a TOML configuration.</summary>
internal static class PolicyHarness
{
    public const string Topic = "arn:aws:sns:eu-west-1:123456789012:falco-alerts";

    public static Decision Decide(string? toml, FalcoAlert alert) => Decide(TestConfig.From(toml), alert);

    public static Decision Decide(ResponderConfig config, FalcoAlert alert)
    {
        var ranking = new Ranker(config.Ranking).Rank(alert);
        return new PolicyEngine(config.Policy, config.DryRun, config.Aws.SnsTopicArn, evidenceBucket: config.Evidence.Bucket).Decide(alert, ranking);
    }

    /// <summary>One live policy rule named "r" with the given match lines and a notification.</summary>
    public static string OneRule(string matchLines) => $"""
        dry_run = false
        [[policy.rules]]
        name = "r"
        [policy.rules.match]
        {matchLines}
        [[policy.rules.actions]]
        action = "notify"
        """;

    public static string[] Names(this Decision decision) => [.. decision.Actions.Select(a => a.Kind.ToWire())];

    public static PlannedAction Action(this Decision decision, ActionKind kind) => Assert.Single(decision.Actions, a => a.Kind == kind);
}
