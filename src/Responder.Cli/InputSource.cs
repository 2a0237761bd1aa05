namespace Responder.Cli;

/// <summary>Opens --input: a file, or "-" for standard input.</summary>
internal static class InputSource
{
    public static Stream Open(string input, CliConsole console)
    {
        if (input == "-")
        {
            if (console.InputIsTerminal)
            {
                throw new CliException(ExitCodes.Usage, "no input: give --input FILE, or pipe events into standard input");
            }

            return console.Input;
        }

        try
        {
            return new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.InputUnreadable, $"cannot read input {input}: {ex.Message}");
        }
    }
}
