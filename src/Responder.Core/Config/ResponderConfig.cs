using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Trust;

namespace Responder.Core.Config;

/// <summary>The validated configuration: the TOML file laid over the defaults, then the environment.</summary>
public sealed record ResponderConfig
{
    /// <summary>Global dry run: cluster actions are planned, never carried out.</summary>
    public required bool DryRun { get; init; }

    public required AwsSettings Aws { get; init; }

    public required ClusterSettings Cluster { get; init; }

    public required NotificationSettings Notifications { get; init; }

    public required SecurityHubSettings SecurityHub { get; init; }

    public required ContainmentSettings Containment { get; init; }

    public required StateSettings State { get; init; }

    public required EvidenceSettings Evidence { get; init; }

    public required InputLimits Limits { get; init; }

    public required InputSettings Input { get; init; }

    public required RankingOptions Ranking { get; init; }

    public required PolicyOptions Policy { get; init; }

    /// <summary>Which records are taken to come from Falco; the rest are rejected <c>untrusted</c>.</summary>
    public required TrustOptions Trust { get; init; }
}
