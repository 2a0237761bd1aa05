using Responder.Core.Ingest;

namespace Responder.Core.Config;

/// <summary>How records are read (the [input] table).</summary>
public sealed record InputSettings
{
    /// <summary>Keys a shipper may nest the parsed alert under, tried in order.</summary>
    public MergeKeys MergeKeys { get; init; } = MergeKeys.Default;
}
