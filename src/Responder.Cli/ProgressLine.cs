using System.Globalization;

namespace Responder.Cli;

/// <summary>
/// A progress line on standard error for long runs, only when standard error is a terminal
/// (never in pipes or CI logs). Silent for the first second so small inputs print nothing.
/// </summary>
internal sealed class ProgressLine(CliConsole console)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly long _start = console.Clock.GetTimestamp();
    private TimeSpan _last;
    private bool _shown;

    public void Update(int records, long bytes)
    {
        var now = console.Clock.GetElapsedTime(_start);
        if (!console.ErrorIsTerminal || now < Quiet || now - _last < Interval)
        {
            return;
        }

        _last = now;
        _shown = true;
        console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\rresponder: {records:N0} records, {bytes / (1024.0 * 1024.0):F1} MiB read, {now.TotalSeconds:F1} s   "));
    }

    public void Finish()
    {
        if (_shown)
        {
            console.Error.Write("\r" + new string(' ', 70) + "\r");
        }
    }
}
