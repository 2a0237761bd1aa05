namespace Responder.Cli;

/// <summary>A failure the user can fix, reported as one line with its exit code; never a stack trace.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode => exitCode;
}
