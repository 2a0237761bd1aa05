using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Responder.Harness;

namespace Responder.Contract.Tests;

/// <summary>
/// The README and the pages under docs/ send readers to each other by file and heading: every relative link
/// leads to a file of the repository, and every #anchor to a heading of the page it names, made into an anchor
/// the way GitHub does it. A section that moves or is renamed fails here until its links follow it.
/// </summary>
public sealed partial class DocsLinkTests
{
    [Fact]
    public void ReadmeAndDocs_EveryRelativeLinkAndAnchor_Resolves()
    {
        var links = Pages().SelectMany(LinksOf).ToList();
        var broken = links.Select(Problem).OfType<string>().ToList();

        Assert.Contains(links, l => l.Target.StartsWith('#'));
        Assert.Contains(links, l => l.Target.Contains(".md#", StringComparison.Ordinal));
        Assert.Empty(broken);
    }

    [Theory]
    [InlineData("The report (`respond --format json`)", "the-report-respond---format-json")]
    [InlineData("Trust: which records are Falco's", "trust-which-records-are-falcos")]
    [InlineData("4. Deploy with SAM", "4-deploy-with-sam")]
    [InlineData("Cleanup: what `sam delete` keeps", "cleanup-what-sam-delete-keeps")]
    [InlineData("Notifications in chat: Slack, Microsoft Teams, Amazon Chime", "notifications-in-chat-slack-microsoft-teams-amazon-chime")]
    [InlineData("max_deletes and [the limits](state.md)", "max_deletes-and-the-limits")]
    [InlineData("Évidence ##", "évidence")]
    public void Anchor_IsMadeAsGitHubMakesIt(string heading, string anchor) =>
        Assert.Equal(anchor, Assert.Single(Anchors([$"## {heading}"])));

    [Fact]
    public void Checks_FindWhatTheyLookFor()
    {
        // Guards the parsing itself: a check that found no heading or no link would pass on anything.
        Assert.Equal(["a", "a-1", "b"], Anchors(["# A", "```yaml", "# not a heading", "```", "## A", "   ```sh", "## not one either", "   ```", "## B"]));
        Assert.Equal(
            ["ops.md#x", "#a", "../samplecfg.toml"],
            LinksIn("[ops](ops.md#x), [a](#a) [`samplecfg.toml`](../samplecfg.toml) [Falco](https://falco.org) `[text](#inert)`").ToArray());
        Assert.Empty(LinksIn("```\n[a](#not-a-link)\n```"));
        Assert.Equal("docs/x.md: (z.md) leads to no file", Problem(new Link("docs/x.md", "z.md")));
    }

    private sealed record Link(string Page, string Target);

    /// <summary>README.md and every page of docs/, as paths relative to the repository.</summary>
    private static IEnumerable<string> Pages() =>
        new[] { "README.md" }.Concat(Directory.EnumerateFiles(RepoFiles.Path("docs"), "*.md")
            .Select(f => Path.GetRelativePath(RepoFiles.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal));

    private static IEnumerable<Link> LinksOf(string page) =>
        LinksIn(File.ReadAllText(RepoFiles.Path(page))).Select(target => new Link(page, target));

    /// <summary>Why a link leads nowhere, or null.</summary>
    private static string? Problem(Link link)
    {
        var hash = link.Target.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? link.Target : link.Target[..hash];
        var anchor = hash < 0 ? null : link.Target[(hash + 1)..];
        var full = file.Length == 0 ? RepoFiles.Path(link.Page) : Path.GetFullPath(Path.Combine(RepoFiles.Root, Path.GetDirectoryName(link.Page) ?? "", file));
        var target = Path.GetRelativePath(RepoFiles.Root, full).Replace(Path.DirectorySeparatorChar, '/');
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return $"{link.Page}: ({link.Target}) leads to no file";
        }

        if (anchor is null)
        {
            return null;
        }

        if (!target.EndsWith(".md", StringComparison.Ordinal) || !File.Exists(full))
        {
            return $"{link.Page}: ({link.Target}) has an anchor into a file that is not a Markdown page";
        }

        return Anchors(File.ReadAllLines(full)).Contains(anchor, StringComparer.Ordinal)
            ? null
            : $"{link.Page}: ({link.Target}) names no heading of {target}";
    }

    /// <summary>The targets of the inline links that are not URLs, outside fenced code and code spans.</summary>
    private static IEnumerable<string> LinksIn(string markdown)
    {
        foreach (var line in OutsideFences(markdown.Split('\n')))
        {
            foreach (Match m in LinkTarget().Matches(CodeSpan().Replace(line, "")))
            {
                var target = m.Groups[1].Value;
                if (!Url().IsMatch(target))
                {
                    yield return target;
                }
            }
        }
    }

    /// <summary>The anchors GitHub gives the headings of a page, in order; a repeated one gets -1, -2, ...</summary>
    private static List<string> Anchors(IEnumerable<string> lines)
    {
        var anchors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in OutsideFences(lines))
        {
            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var slug = Slug(heading.Groups[1].Value);
            if (seen.TryGetValue(slug, out var count))
            {
                seen[slug] = count + 1;
                anchors.Add($"{slug}-{count}");
            }
            else
            {
                seen[slug] = 1;
                anchors.Add(slug);
            }
        }

        return anchors;
    }

    // Lowercase; a space becomes '-'; letters, digits, marks, '-' and '_' stay; every other character goes.
    // Headings are made of their text, so a link in one counts by its text and code by its content.
    private static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, "$1").ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c is '-' or '_' || char.IsLetterOrDigit(c)
                || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    private static IEnumerable<string> OutsideFences(IEnumerable<string> lines)
    {
        var fenced = false;
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced)
            {
                yield return line;
            }
        }
    }

    [GeneratedRegex(@"^#{1,6}\s+(.*?)(?:\s+#+)?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"(`+)(?:(?!\1).)+?\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Url();
}
