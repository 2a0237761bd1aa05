using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Responder.Harness.Servers;

/// <summary>
/// A real server from npm (tests/servers, versions pinned by its lock file) on a free 127.0.0.1 port.
/// The packages are installed with <c>npm ci</c> the first time any test needs them, so the test
/// command works on a fresh machine; CI installs them beforehand.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;

    private NodeServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    public static string Directory => RepoFiles.Path("tests", "servers");

    /// <param name="script">The server's entry point, relative to tests/servers.</param>
    /// <param name="arguments">Arguments; "{port}" is replaced by the chosen port.</param>
    /// <param name="environment">Variables; "{port}" in a value is replaced too.</param>
    /// <param name="ready">Probes the server once it listens; true when it is ready.</param>
    public static async Task<NodeServer> StartAsync(
        string script, string[] arguments, IReadOnlyDictionary<string, string> environment, Func<Uri, Task<bool>> ready)
    {
        await EnsureInstalledAsync(script).ConfigureAwait(false);
        var port = FreePort();
        var info = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NodeServer(process, port);
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{script} exited with code {process.ExitCode} at start");
            }

            try
            {
                if (await ready(server.Endpoint).ConfigureAwait(false))
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        await server.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"{script} did not become ready on port {port}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static async Task EnsureInstalledAsync(string script)
    {
        await InstallLock.WaitAsync().ConfigureAwait(false);
        try
        {
            // The script too: an install made before a server was added to package.json lacks it.
            if (File.Exists(Path.Combine(Directory, "node_modules", ".package-lock.json")) && File.Exists(Path.Combine(Directory, script)))
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

}
