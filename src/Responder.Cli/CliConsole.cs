namespace Responder.Cli;

/// <summary>The process's streams and environment, replaceable so tests run the CLI in-process.</summary>
internal sealed record CliConsole(
    Stream Input,
    Stream Output,
    TextWriter Error,
    Func<string, string?> Environment,
    bool InputIsTerminal,
    bool ErrorIsTerminal)
{
    /// <summary>The clock for progress reports.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public static CliConsole System() => new(
        Console.OpenStandardInput(),
        Console.OpenStandardOutput(),
        Console.Error,
        global::System.Environment.GetEnvironmentVariable,
        !Console.IsInputRedirected,
        !Console.IsErrorRedirected);
}
