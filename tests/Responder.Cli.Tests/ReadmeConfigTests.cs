using System.Globalization;
using Responder.Core.Config;
using Responder.Harness;
using Tomlyn;
using Tomlyn.Model;

namespace Responder.Cli.Tests;

/// <summary>
/// The configuration reference (docs/configuration.md, "## Every key") lists every key of samplecfg.toml with the
/// default the file gives it, and nothing the file does not have: the table is read from that page and
/// the keys and defaults from the file itself, so either drifting fails here.
/// </summary>
public sealed class ReadmeConfigTests
{
    [Fact]
    public void EveryKey_OfTheSampleConfig_IsInTheReadmeWithItsDefault()
    {
        var expected = SampleKeys();
        var rows = ReferenceRows();

        Assert.All(expected, key =>
        {
            Assert.True(rows.TryGetValue(key.Path, out var shown), $"docs/configuration.md lacks `{key.Path}`");
            if (key.Default is not null)
            {
                Assert.Equal($"`{key.Default}`", shown);
            }
        });
        Assert.Empty(rows.Keys.Except(expected.Select(k => k.Path)));
    }

    [Fact]
    public void Render_ShowsDefaultsAsTomlWritesThem()
    {
        // What the check compares against: a wrong rendering would make every row look stale or none.
        Assert.Equal("\"30%\"", Render("30%"));
        Assert.Equal("[\"kube-system\", \"falco\"]", Render(new TomlArray { "kube-system", "falco" }));
        Assert.Equal("[]", Render(new TomlArray()));
        Assert.Equal("true", Render(true));
        Assert.Equal("33554432", Render(33554432L));
    }

    /// <summary>Each key as a dotted path with its default; tables of entries and empty tables have no single default.</summary>
    private static List<(string Path, string? Default)> SampleKeys()
    {
        var root = TomlSerializer.Deserialize(File.ReadAllText(RepoFiles.Path("samplecfg.toml")), TomlModelContext.Default.TomlTable)!;
        var keys = new List<(string, string?)>();
        Walk(root, "", keys);
        return keys;
    }

    private static void Walk(TomlTable table, string prefix, List<(string, string?)> keys)
    {
        foreach (var (key, value) in table)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            switch (value)
            {
                case TomlTable { Count: 0 }:
                case TomlTableArray:
                    keys.Add((path, null));
                    break;
                case TomlTable child:
                    Walk(child, path, keys);
                    break;
                default:
                    keys.Add((path, Render(value)));
                    break;
            }
        }
    }

    private static string Render(object value) => value switch
    {
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        TomlArray items => "[" + string.Join(", ", items.Select(i => Render(i!))) + "]",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"unexpected TOML value {value}"),
    };

    /// <summary>The "## Every key" table: key path (without backticks) to the default cell as written.</summary>
    private static Dictionary<string, string> ReferenceRows()
    {
        var lines = File.ReadAllLines(RepoFiles.Path("docs", "configuration.md"));
        var start = Array.IndexOf(lines, "## Every key");
        Assert.True(start >= 0, "docs/configuration.md has no \"## Every key\" section");
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => !l.StartsWith('#')).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split(" | ");
            rows.Add(cells[0].TrimStart('|', ' ').Trim('`'), cells[1].Trim());
        }

        return rows;
    }
}
