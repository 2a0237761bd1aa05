using Responder.Core.Config;

namespace Responder.Cli;

/// <summary>Finds the configuration: --config, else RESPONDER_CONFIG, else the built-in samplecfg.toml.</summary>
internal static class ConfigSource
{
    public static ConfigResult Load(string? path, CliConsole console)
    {
        path ??= console.Environment(EnvironmentOverrides.ConfigPath) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        if (path is null)
        {
            return ConfigLoader.Load(null, ConfigLoader.DefaultName, console.Environment);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot read configuration {path}: {ex.Message}");
        }

        return ConfigLoader.Load(text, path, console.Environment);
    }

    /// <summary>The configuration, or a usage error listing every problem.</summary>
    public static ResponderConfig Require(string? path, CliConsole console)
    {
        var result = Load(path, console);
        foreach (var warning in result.Warnings)
        {
            console.Error.WriteLine($"warning: {warning}");
        }

        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                console.Error.WriteLine($"error: {error}");
            }

            throw new CliException(ExitCodes.Usage, $"the configuration has {result.Errors.Count} error(s)");
        }

        return result.Config!;
    }
}
