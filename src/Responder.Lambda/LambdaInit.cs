using System.Diagnostics.CodeAnalysis;
using Responder.Core.Config;
using Responder.Core.Policy;

namespace Responder.Lambda;

/// <summary>The function as init configured it: what the handler may do, the configuration and where it came from.</summary>
internal sealed record FunctionSetup(ActionScope Scope, ResponderConfig Config, string Source);

/// <summary>
/// What init found before any port is built: the setup, or the one reason the function cannot start; the configuration's
/// warnings either way (they are logged even when init fails).
/// </summary>
internal sealed class LambdaInit
{
    private LambdaInit(FunctionSetup? setup, RuntimeFailure? failure, IReadOnlyList<ConfigError> warnings)
    {
        Setup = setup;
        Failure = failure;
        Warnings = warnings;
        IsReady = setup is not null;
    }

    [MemberNotNullWhen(true, nameof(Setup))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsReady { get; }

    public FunctionSetup? Setup { get; }

    public RuntimeFailure? Failure { get; }

    public IReadOnlyList<ConfigError> Warnings { get; }

    /// <summary>Reads the handler name, the memory size and the configuration from the environment.</summary>
    public static LambdaInit From(LambdaEnvironment environment)
    {
        if (!HandlerKind.Scopes.TryGetValue(environment.Handler, out var scope))
        {
            return Failed(new RuntimeFailure(RuntimeFailure.UnknownHandler,
                $"unknown handler \"{environment.Handler}\" (_HANDLER): the valid handlers are {HandlerKind.ValidNames}"));
        }

        if (environment.MemoryProblem() is { } memory)
        {
            return Failed(new RuntimeFailure(RuntimeFailure.InvalidConfiguration, memory));
        }

        var path = environment.ConfigPath ?? (File.Exists(environment.DefaultConfigPath) ? environment.DefaultConfigPath : null);
        string? text = null;
        if (path is not null)
        {
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Failed(new RuntimeFailure(RuntimeFailure.InvalidConfiguration, $"cannot read configuration {path}: {ex.Message}"));
            }
        }

        var source = path ?? ConfigLoader.DefaultName;
        var result = ConfigLoader.Load(text, source, environment.Variables);
        return result is { IsValid: true, Config: { } config }
            ? new LambdaInit(new FunctionSetup(scope, config, source), null, result.Warnings)
            : Failed(new RuntimeFailure(RuntimeFailure.InvalidConfiguration, $"invalid configuration {source}: {string.Join("; ", result.Errors)}"), result.Warnings);
    }

    private static LambdaInit Failed(RuntimeFailure failure, IReadOnlyList<ConfigError>? warnings = null) => new(null, failure, warnings ?? []);
}
