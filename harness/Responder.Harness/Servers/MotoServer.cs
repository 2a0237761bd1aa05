using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Responder.Harness.Servers;

/// <summary>
/// moto's server (Python: moto_server, or python3 -m moto.server), a second AWS written apart from the npm servers.
/// It binds port 0 on 127.0.0.1 and the port is read from the line it prints, so no port is guessed or raced for.
/// CI provides moto (.ci/run checks it is there); nothing here installs it.
/// </summary>
public sealed partial class MotoServer : IDynamoDbServer, IAsyncDisposable
{
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("AKIDMOTO", "moto-secret");

    /// <summary>The region the tests sign for (moto keeps each region apart, as AWS does).</summary>
    public const string Region = "eu-west-1";

    /// <summary>The account moto answers as.</summary>
    public const string Account = "123456789012";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Lazy<TopicQueues> _topics;

    private MotoServer(Process process, int port)
    {
        _process = process;
        Port = port;
        _topics = new(() => new TopicQueues(Endpoint, Credentials, "us-east-1"));
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>SNS topics with a queue subscribed to each, in us-east-1 (where unsigned Query calls land).</summary>
    public TopicQueues Topics => _topics.Value;

    public AmazonDynamoDBClient Client() =>
        new(Credentials, new AmazonDynamoDBConfig { ServiceURL = Endpoint.AbsoluteUri, AuthenticationRegion = Region });

    /// <summary>A state table as the template makes it, TTL on expiresAt included; returns its name.</summary>
    public async Task<string> CreateTableAsync(string prefix = "state")
    {
        using var client = Client();
        return await StateTableSchema.CreateAsync(client, prefix, timeToLive: true).ConfigureAwait(false);
    }

    public static async Task<MotoServer> StartAsync()
    {
        var process = Start();
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Read(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            // The first lines only: a server that runs for the whole test run must not hold every request it logged.
            if (output.Count < 50)
            {
                output.Enqueue(e.Data);
            }

            if (Listening().Match(e.Data) is { Success: true } match)
            {
                port.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => port.TrySetException(new InvalidOperationException(
            $"moto's server exited with code {process.ExitCode} at start:\n{string.Join('\n', output)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var server = new MotoServer(process, await port.Task.WaitAsync(StartTimeout).ConfigureAwait(false));
            await server.WaitReadyAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_topics.IsValueCreated)
        {
            _topics.Value.Dispose();
        }

        Stop(_process);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static Process Start()
    {
        foreach (var (file, prefix) in new[] { ("moto_server", Array.Empty<string>()), ("python3", ["-m", "moto.server"]) })
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in prefix.Concat(["-H", "127.0.0.1", "-p", "0"]))
            {
                info.ArgumentList.Add(argument);
            }

            try
            {
                return Process.Start(info)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not on PATH: try the module through python3.
            }
        }

        throw new InvalidOperationException("moto is not installed: neither moto_server nor python3 -m moto.server can be started (pip install 'moto[server]')");
    }

    // werkzeug binds and listens before it prints its address, so the first request is accepted: no polling. The
    // request is made here, not by the first test, because moto loads its backends on first use.
    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = StartTimeout };
        using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/")).ConfigureAwait(false);
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

    [GeneratedRegex(@"Running on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
