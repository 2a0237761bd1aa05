using Responder.Core.Config;

namespace Responder.Harness;

/// <summary>Configurations for tests and benchmarks: the built-in default, or TOML laid over it, with no environment.</summary>
public static class TestConfig
{
    public static ResponderConfig Default() => From(null);

    public static ResponderConfig From(string? toml, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Load(toml, environment);
        if (!result.IsValid)
        {
            throw new InvalidOperationException("test configuration is invalid:\n" + string.Join("\n", result.Errors));
        }

        return result.Config!;
    }

    public static ConfigResult Load(string? toml, IReadOnlyDictionary<string, string>? environment = null) =>
        ConfigLoader.Load(toml, "test.toml", name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);
}
