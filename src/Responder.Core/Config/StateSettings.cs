namespace Responder.Core.Config;

/// <summary>Shared state: dedupe, idempotent actions and blast-radius limits (the <c>[state]</c> table).</summary>
public sealed record StateSettings
{
    /// <summary>DynamoDB table shared by every instance; null keeps the state in the process.</summary>
    public string? Table { get; init; }

    /// <summary>A repeat of an alert within this time of its first sighting is a duplicate; zero turns dedupe off.</summary>
    public TimeSpan DedupeWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a claim on an action holds before another attempt may take it over (a crashed instance's).</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the outcome of an action is remembered, so a late retry still finds it.</summary>
    public TimeSpan OutcomeTtl { get; init; } = TimeSpan.FromHours(6);

    public TimeSpan LimitWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Pods deleted or evicted per cluster and window.</summary>
    public int MaxDeletes { get; init; } = 20;

    /// <summary>Nodes cordoned or tainted per cluster and window.</summary>
    public int MaxCordons { get; init; } = 3;

    /// <summary>Nodes whose volumes are snapshotted per cluster and window.</summary>
    public int MaxSnapshots { get; init; } = 10;
}
