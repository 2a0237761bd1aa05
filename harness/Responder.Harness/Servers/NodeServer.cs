using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Responder.Harness.Servers;

/// <summary>
/// A real server from npm (tests/servers, versions pinned by its lock file), started by tests/servers/listen.mjs on a
/// port the system picks: the script binds port 0 on 127.0.0.1 and prints the port once it accepts connections, and
/// that line is read, so no port is guessed, released and raced for. The packages are installed with <c>npm ci</c>
/// the first time any test needs them, so the test command works on a fresh machine; CI installs them beforehand.
/// </summary>
public sealed partial class NodeServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private NodeServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public static string Directory => RepoFiles.Path("tests", "servers");

    /// <param name="package">The npm package, as listen.mjs names it (dynalite, fauxqs).</param>
    public static async Task<NodeServer> StartAsync(string package)
    {
        await EnsureInstalledAsync(package).ConfigureAwait(false);
        var info = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("listen.mjs");
        info.ArgumentList.Add(package);
        var process = Process.Start(info)!;
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Listening().Match(line) is { Success: true } match)
            {
                port.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            // The first lines only: what a server that fails at start says.
            if (e.Data is { } line && errors.Count < 50)
            {
                errors.Enqueue(line);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => port.TrySetException(new InvalidOperationException(
            $"{package} exited with code {process.ExitCode} at start:\n{string.Join('\n', errors)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new NodeServer(process, await port.Task.WaitAsync(StartTimeout).ConfigureAwait(false));
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task EnsureInstalledAsync(string package)
    {
        await InstallLock.WaitAsync().ConfigureAwait(false);
        try
        {
            // The package too: an install made before a server was added to package.json lacks it.
            if (File.Exists(Path.Combine(Directory, "node_modules", ".package-lock.json")) && File.Exists(Path.Combine(Directory, "node_modules", package, "package.json")))
            {
                return;
            }

            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
            {
                WorkingDirectory = Directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = await npm.StandardError.ReadToEndAsync().ConfigureAwait(false);
            await npm.WaitForExitAsync().ConfigureAwait(false);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in tests/servers failed:\n{await output.ConfigureAwait(false)}\n{errors}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    [GeneratedRegex(@"^listening (\d+)$")]
    private static partial Regex Listening();
}
