using Responder.Core.Matching;

namespace Responder.Core.Trust;

/// <summary>
/// Which records are taken to come from Falco (the [trust] table). A log group that collects every
/// container's logs carries lines any workload can write: only the Falco pod's lines are alerts.
/// </summary>
public sealed record TrustOptions
{
    /// <summary>Namespaces the Falco pod may run in (names or globs).</summary>
    public required IReadOnlyList<GlobPattern> Namespaces { get; init; }

    /// <summary>Names of the Falco container (names or globs).</summary>
    public required IReadOnlyList<GlobPattern> Containers { get; init; }

    /// <summary>Labels the Falco pod carries; checked when the shipper sends the pod's labels.</summary>
    public required IReadOnlyList<PodLabel> Labels { get; init; }

    /// <summary>
    /// Log groups alerts may come from (globs); empty: any. A record without shipper metadata from one of
    /// these, whose stream names no container, is trusted on the group alone.
    /// </summary>
    public required IReadOnlyList<GlobPattern> LogGroups { get; init; }

    /// <summary>Log streams alerts may come from (globs); empty: any. Trusted alone like the groups.</summary>
    public required IReadOnlyList<GlobPattern> LogStreams { get; init; }

    /// <summary>The marker a drill event must carry.</summary>
    public required string DrillMarker { get; init; }
}
