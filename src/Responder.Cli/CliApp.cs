using System.CommandLine;

namespace Responder.Cli;

/// <summary>The <c>responder</c> command line: respond, drill, validate, explain, release.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Falco Responder: decode, rank and respond to Falco alerts from CloudWatch Logs.")
        {
            RespondCommand.Create(console),
            DrillCommand.Create(console),
            ValidateCommand.Create(console),
            ExplainCommand.Create(console),
            ReleaseCommand.Create(console),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'responder --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var output = new StreamWriter(console.Output, leaveOpen: true) { AutoFlush = true };
        var invocation = new InvocationConfiguration { Output = output, Error = console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            // The message may quote what the user gave (a path, a value): one line, safe for the terminal.
            await console.Error.WriteLineAsync($"error: {TerminalText.Safe(ex.Message, 2000)}").ConfigureAwait(false);
            return ex.ExitCode;
        }
    }
}
