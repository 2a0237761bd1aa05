using System.Text.RegularExpressions;
using Responder.Harness;

namespace Responder.Contract.Tests;

/// <summary>The repository stands on its own: its text cites no document it does not hold, and its links lead somewhere.</summary>
public sealed partial class RepositoryTextTests
{
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", "artifacts", ".git", "TestResults", "out"];

    private static IEnumerable<string> Files(params string[] extensions) =>
        Directory.EnumerateFiles(RepoFiles.Root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(RepoFiles.Root, f).Split(Path.DirectorySeparatorChar).Any(Skipped.Contains))
            .Where(f => extensions.Contains(Path.GetExtension(f)) || extensions.Contains(Path.GetFileName(f)));

    [Fact]
    public void Text_CitesNoDocumentOutsideTheRepository()
    {
        var citations = Files(".cs", ".md", ".props", ".yaml", ".toml", ".json", ".py", "run", "Makefile")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(l => OutsideDocument().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepoFiles.Root, l.f)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();

        Assert.Empty(citations);
    }

    [Fact]
    public void Markdown_RelativeLinks_LeadToFilesOfTheRepository()
    {
        var broken = Files(".md")
            .SelectMany(f => RelativeLink().Matches(File.ReadAllText(f)).Select(m => (f, target: m.Groups[1].Value)))
            .Where(l => !File.Exists(Path.Combine(Path.GetDirectoryName(l.f)!, l.target)) && !Directory.Exists(Path.Combine(Path.GetDirectoryName(l.f)!, l.target)))
            .Select(l => $"{Path.GetRelativePath(RepoFiles.Root, l.f)} -> {l.target}")
            .ToList();

        Assert.Empty(broken);
    }

    [Fact]
    public void Checks_FindWhatTheyLookFor()
    {
        // Guards the patterns themselves: a pattern that matched nothing would make the checks above vacuous.
        Assert.Matches(OutsideDocument(), "see " + "DESIGN" + ".md");
        Assert.Matches(OutsideDocument(), "the report of " + "\u00a7" + "9");
        Assert.Equal("docs/report.md", RelativeLink().Match("[the report](docs/report.md#alerts)").Groups[1].Value);
        Assert.DoesNotMatch(RelativeLink(), "[Falco](https://falco.org)");
    }

    // A design document by name, or a numbered section sign (the way such a document is cited).
    [GeneratedRegex(@"DESIGN\.md|\u00a7\s?\d")]
    private static partial Regex OutsideDocument();

    [GeneratedRegex(@"\]\((?!https?:|mailto:|#)([^)#\s]+)(?:#[^)]*)?\)")]
    private static partial Regex RelativeLink();
}
