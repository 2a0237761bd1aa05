using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.Harness.Servers;

namespace Responder.Contract.Tests.Moto;

/// <summary>
/// template.yaml deployed in moto's CloudFormation, once per parameter set, by tests/template/moto_deploy.py (the SAM
/// transform, then CreateStack), and what moto's services say they made.
/// </summary>
public sealed class MotoStacks : IAsyncLifetime
{
    private static readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(3);
    private readonly ConcurrentDictionary<string, Lazy<Task<JsonObject>>> _stacks = new(StringComparer.Ordinal);
    private MotoServer _server = null!;

    public async Task InitializeAsync() => _server = await MotoServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The stack of this name, deployed with these parameters the first time it is asked for.</summary>
    public Task<JsonObject> DeployAsync(string stack, params (string Name, string Value)[] parameters) =>
        _stacks.GetOrAdd(stack, _ => new Lazy<Task<JsonObject>>(() => RunAsync(stack, parameters))).Value;

    private async Task<JsonObject> RunAsync(string stack, (string Name, string Value)[] parameters)
    {
        var info = new ProcessStartInfo("python3") { WorkingDirectory = RepoFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "tests/template/moto_deploy.py", "template.yaml", "--endpoint", _server.Endpoint.AbsoluteUri, "--region", MotoServer.Region, "--stack", stack })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in parameters)
        {
            info.ArgumentList.Add("--param");
            info.ArgumentList.Add($"{name}={value}");
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(DeployTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"deploying {stack} in moto took more than {DeployTimeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploying {stack} in moto failed ({process.ExitCode}):\n{await errors}");
        }

        return JsonNode.Parse(await output)!.AsObject();
    }
}
