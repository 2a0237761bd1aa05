namespace Responder.Core.Config;

/// <summary>Collects every problem of a configuration so they can all be reported at once.</summary>
internal sealed class ConfigErrors
{
    public List<ConfigError> Errors { get; } = [];

    public List<ConfigError> Warnings { get; } = [];

    public void Add(string path, string message) => Errors.Add(new ConfigError(path, message));

    public void Warn(string path, string message) => Warnings.Add(new ConfigError(path, message));
}
