using System.Diagnostics;
using Responder.Harness;

namespace Responder.Lambda.Tests;

/// <summary>
/// The real published bootstrap (Native AOT), built once per test run: the process tests drive the
/// very binary Lambda runs. RESPONDER_BOOTSTRAP names a ready one instead.
/// </summary>
public sealed class PublishedBootstrap : IAsyncLifetime
{
    public string Path { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("RESPONDER_BOOTSTRAP");
        if (!string.IsNullOrEmpty(given))
        {
            Path = given;
            return;
        }

        var root = RepoFiles.Root;
        var output = System.IO.Path.Combine(root, "artifacts", "lambda");
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", "src/Responder.Lambda", "-c", "Release", "-o", output, "--nologo", "-v", "q"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = publish.StandardOutput.ReadToEndAsync();
        var errors = await publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"publishing bootstrap failed:\n{await log}\n{errors}");
        }

        Path = System.IO.Path.Combine(output, "bootstrap");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class BootstrapCollection : ICollectionFixture<PublishedBootstrap>
{
    public const string Name = "bootstrap";
}
