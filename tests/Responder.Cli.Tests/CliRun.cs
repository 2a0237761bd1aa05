using System.Text;
using System.Text.Json.Nodes;
using Responder.TestSupport;

namespace Responder.Cli.Tests;

/// <summary>Runs the real CLI in-process with captured streams.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static Task<CliRun> InvokeAsync(params string[] args) => InvokeAsync(args, (Stream?)null);

    public static Task<CliRun> InvokeAsync(string[] args, string? stdin, IReadOnlyDictionary<string, string>? environment = null) =>
        InvokeAsync(args, stdin is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(stdin)), environment);

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
        var run = new CliRun(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
        if (PrintsReport(args) && run.Output.Length > 0)
        {
            ReportSchema.Valid(run.Json);
        }

        return run;
    }

    // respond --format json: the report of docs/report.schema.json, checked for every test that runs it.
    private static bool PrintsReport(string[] args) =>
        args.FirstOrDefault() == "respond"
        && (args.Contains("--format=json") || args.Zip(args.Skip(1)).Any(p => p.First is "--format" or "-f" && p.Second == "json"));

    public JsonObject Json => JsonNode.Parse(Output)!.AsObject();
}
