using System.Diagnostics;
using Responder.Core.Matching;

namespace Responder.Core.Tests.Policy;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("Terminal shell in container", "Terminal shell in container", true)]
    [InlineData("Terminal shell in container", "Terminal shell in container ", false)]
    [InlineData("Terminal shell in container", "terminal shell in container", false)]
    [InlineData("T1611", "T1611.001", false)]
    [InlineData("*", "", true)]
    [InlineData("*", "kube-system", true)]
    [InlineData("kube-*", "kube-system", true)]
    [InlineData("kube-*", "kube-", true)]
    [InlineData("kube-*", "kube", false)]
    [InlineData("*-system", "kube-system", true)]
    [InlineData("*-system", "kube-systems", false)]
    [InlineData("k?be-system", "kube-system", true)]
    [InlineData("k?be-system", "kbe-system", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("a*b", "abab", true)]
    [InlineData("**", "x", true)]
    [InlineData("Drop and execute*", "Drop and execute new binary in container", true)]
    [InlineData("*.system.internal", "ip-10-0-1-23.eu-west-1.compute.internal", false)]
    [InlineData("*.compute.internal", "ip-10-0-1-23.eu-west-1.compute.internal", true)]
    public void Matches_PatternAndText_FollowsGlobRules(string pattern, string text, bool matches)
    {
        Assert.Equal(matches, new GlobPattern(pattern).Matches(text));
    }

    [Theory]
    [InlineData("payments", true, 8)]
    [InlineData("pay*", false, 3)]
    [InlineData("pay?ents", false, 7)]
    [InlineData("*", false, 0)]
    public void Pattern_ExactnessAndSpecificity_CountLiteralCharacters(string pattern, bool exact, int specificity)
    {
        var glob = new GlobPattern(pattern);

        Assert.Equal((exact, specificity), (glob.IsExact, glob.Specificity));
    }

    [Fact]
    public void Matches_PathologicalPatternOnLongAttackerText_EndsQuickly()
    {
        var pattern = new GlobPattern("*a*a*a*a*a*a*a*a*a*a*b");
        var text = new string('a', 20_000);
        var watch = Stopwatch.StartNew();

        var matches = pattern.Matches(text);

        Assert.False(matches);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
