using Responder.Harness;

namespace Responder.Cli.Tests;

/// <summary>The README opens with the two commands that work on a fresh machine, and CI runs exactly those.</summary>
public sealed class ReadmeContractTests
{
    private static string[] FirstCommands()
    {
        var readme = File.ReadAllLines(RepoFiles.Path("README.md"));
        var start = Array.FindIndex(readme, l => l.StartsWith("```", StringComparison.Ordinal));
        var end = Array.FindIndex(readme, start + 1, l => l.StartsWith("```", StringComparison.Ordinal));
        return readme[(start + 1)..end];
    }

    [Fact]
    public void Readme_OpensWithTheMainJobThenTheTests()
    {
        var commands = FirstCommands();

        Assert.Equal(2, commands.Length);
        Assert.StartsWith("dotnet run --project src/Responder.Cli -c Release -- respond --input events/", commands[0], StringComparison.Ordinal);
        Assert.True(File.Exists(RepoFiles.Path(commands[0].Split("--input ")[1].Split(' ')[0])), "the bundled event exists");
        Assert.Equal("dotnet test Responder.sln -c Release", commands[1]);
    }

    [Fact]
    public void CiScript_RunsBothReadmeCommandsVerbatim()
    {
        var ci = File.ReadAllLines(RepoFiles.Path(".ci/run"));

        Assert.All(FirstCommands(), command => Assert.Contains(command, ci));
    }
}
