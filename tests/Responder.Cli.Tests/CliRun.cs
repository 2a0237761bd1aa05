using System.Text;
using System.Text.Json.Nodes;

namespace Responder.Cli.Tests;

/// <summary>Runs the real CLI in-process with captured streams.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Invoke(params string[] args) => Invoke(args, (Stream?)null);

    public static CliRun Invoke(string[] args, string? stdin, IReadOnlyDictionary<string, string>? environment = null) =>
        Invoke(args, stdin is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(stdin)), environment);

    public static CliRun Invoke(
        string[] args, Stream? stdin, IReadOnlyDictionary<string, string>? environment = null, bool errorIsTerminal = false, TimeProvider? clock = null) =>
        InvokeAsync(args, stdin, environment, errorIsTerminal, clock).GetAwaiter().GetResult();

    /// <summary>For tests that serve something in-process (the fake API server) while the CLI runs.</summary>
    public static async Task<CliRun> InvokeAsync(
        string[] args, Stream? stdin = null, IReadOnlyDictionary<string, string>? environment = null, bool errorIsTerminal = false, TimeProvider? clock = null)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var console = new CliConsole(
            stdin ?? new MemoryStream(),
            output,
            error,
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            InputIsTerminal: stdin is null,
            ErrorIsTerminal: errorIsTerminal) { Clock = clock ?? TimeProvider.System };
        var code = await CliApp.RunAsync(args, console);
        return new CliRun(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    public JsonObject Json => JsonNode.Parse(Output)!.AsObject();
}
