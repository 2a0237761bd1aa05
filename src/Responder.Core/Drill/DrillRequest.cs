using Responder.Core.Alerts;
using Responder.Core.Ingest;

namespace Responder.Core.Drill;

/// <summary>What a drill event should contain and how it should be packaged.</summary>
public sealed record DrillRequest
{
    public const string DefaultRule = "Terminal shell in container";
    public const string DefaultMarker = "falco-responder-drill";

    public string Rule { get; init; } = DefaultRule;

    public FalcoPriority Priority { get; init; } = FalcoPriority.Critical;

    public string? Namespace { get; init; } = "payments";

    public string? Pod { get; init; } = "api-7d9f8b6c5d-x2k4q";

    public string? Node { get; init; } = "ip-10-0-1-23.eu-west-1.compute.internal";

    /// <summary>Tags of the alert; null means the real tags of the default rule.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    public EnvelopeKind Envelope { get; init; } = EnvelopeKind.CloudWatchLogs;

    public RecordShape Shape { get; init; } = RecordShape.RawAlert;

    /// <summary>The drill marker; null writes the bare envelope without the drill wrapper.</summary>
    public string? Marker { get; init; } = DefaultMarker;

    public DateTimeOffset Time { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>How many copies of the alert the envelope carries (one log event each).</summary>
    public int Count { get; init; } = 1;
}
