namespace Responder.Core.Config;

/// <summary>A configuration, or every error found in it; warnings never stop a configuration.</summary>
public sealed record ConfigResult(ResponderConfig? Config, IReadOnlyList<ConfigError> Errors, IReadOnlyList<ConfigError> Warnings)
{
    public bool IsValid => Config is not null && Errors.Count == 0;
}
