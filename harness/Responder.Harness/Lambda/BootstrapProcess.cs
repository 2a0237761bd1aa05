using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Responder.Harness.Lambda;

/// <summary>
/// Runs a published bootstrap as Lambda would: AWS_LAMBDA_RUNTIME_API pointing at an emulator,
/// _HANDLER from the template. Collects its log lines and reads its memory from /proc.
/// </summary>
public sealed class BootstrapProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource<string> Found)> _waiting = [];
    private readonly Lock _gate = new();
    private int _openStreams;
    private bool _ended;

    private BootstrapProcess(Process process, int streams)
    {
        _process = process;
        _openStreams = streams;
    }

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The log lines that are JSON objects, parsed.</summary>
    public IReadOnlyList<JsonObject> Logs => [.. _lines.Select(l => JsonNode.Parse(l)!.AsObject())];

    /// <param name="command">The bootstrap, or <c>dotnet</c> with the JIT build's dll as argument.</param>
    /// <param name="runtimeApi">host:port of the Runtime API.</param>
    /// <param name="environment">Variables beyond those Lambda always sets.</param>
    /// <param name="keepLogs">False drains the output without reading it, as a benchmark wants.</param>
    /// <param name="arguments">Arguments of the command.</param>
    public static BootstrapProcess Start(
        string command, string runtimeApi, IReadOnlyDictionary<string, string> environment, bool keepLogs = true, params string[] arguments)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        info.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "falco-responder";
        info.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        info.Environment["AWS_REGION"] = "eu-west-1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var started = new BootstrapProcess(process, keepLogs ? 2 : 1);
        process.OutputDataReceived += (_, e) => started.Received(e.Data);
        process.ErrorDataReceived += (_, e) => started.Received(e.Data);
        process.Start();
        if (keepLogs)
        {
            process.BeginOutputReadLine();
        }
        else
        {
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        }

        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>
    /// The first line, already written or still to come, that <paramref name="matches"/>; fails when the process closes its
    /// output without writing one.
    /// </summary>
    public Task<string> LineAsync(Func<string, bool> matches)
    {
        lock (_gate)
        {
            if (_lines.FirstOrDefault(matches) is { } line)
            {
                return Task.FromResult(line);
            }

            if (_ended)
            {
                return Task.FromException<string>(new InvalidOperationException("the process closed its output without writing the line"));
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((matches, found));
            return found.Task;
        }
    }

    /// <summary>Resident memory now and at its peak, in KiB, from /proc/PID/status.</summary>
    public (long Rss, long Peak) Memory()
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return (rss, peak);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    // A line of either stream, or null when that stream closes.
    private void Received(string? line)
    {
        lock (_gate)
        {
            if (line is null)
            {
                if (--_openStreams == 0)
                {
                    _ended = true;
                    _waiting.ForEach(w => w.Found.TrySetException(new InvalidOperationException("the process closed its output without writing the line")));
                    _waiting.Clear();
                }

                return;
            }

            if (line.Length == 0)
            {
                return;
            }

            _lines.Enqueue(line);
            _waiting.RemoveAll(w => w.Matches(line) && w.Found.TrySetResult(line));
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(':')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
