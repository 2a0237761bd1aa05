using System.Text;
using Responder.Core.Alerts;

namespace Responder.Core.Tests.Alerts;

public sealed class FalcoPrioritiesTests
{
    [Theory]
    [InlineData("EMERGENCY", FalcoPriority.Emergency)]
    [InlineData("alert", FalcoPriority.Alert)]
    [InlineData("Critical", FalcoPriority.Critical)]
    [InlineData("error", FalcoPriority.Error)]
    [InlineData("WARNING", FalcoPriority.Warning)]
    [InlineData("notice", FalcoPriority.Notice)]
    [InlineData("Informational", FalcoPriority.Informational)]
    [InlineData("info", FalcoPriority.Informational)]
    [InlineData("Info", FalcoPriority.Informational)]
    [InlineData("debug", FalcoPriority.Debug)]
    [InlineData(" Warning ", FalcoPriority.Warning)]
    [InlineData("\tcRiTiCaL", FalcoPriority.Critical)]
    public void Parse_AnySpelling_GivesThePriority(string text, FalcoPriority expected)
    {
        Assert.Equal(expected, FalcoPriorities.Parse(text.AsSpan()));
        Assert.Equal(expected, FalcoPriorities.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("")]
    [InlineData("warn")]
    [InlineData("crit")]
    [InlineData("Critical!")]
    [InlineData("informationall")]
    [InlineData("Ｃritical")]
    public void Parse_UnknownName_IsUnknown(string text)
    {
        Assert.Equal(FalcoPriority.Unknown, FalcoPriorities.Parse(text.AsSpan()));
        Assert.Equal(FalcoPriority.Unknown, FalcoPriorities.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Unknown_RanksBelowEveryPriority()
    {
        var known = Enum.GetValues<FalcoPriority>().Where(p => p != FalcoPriority.Unknown);

        Assert.All(known, p => Assert.True(FalcoPriority.Unknown < p, $"{p} does not rank above Unknown"));
    }

    [Fact]
    public void Priorities_RankInFalcoOrder()
    {
        FalcoPriority[] mostSevereFirst =
        [
            FalcoPriority.Emergency, FalcoPriority.Alert, FalcoPriority.Critical, FalcoPriority.Error,
            FalcoPriority.Warning, FalcoPriority.Notice, FalcoPriority.Informational, FalcoPriority.Debug, FalcoPriority.Unknown,
        ];

        Assert.Equal(mostSevereFirst, Enum.GetValues<FalcoPriority>().OrderDescending());
    }

    [Theory]
    [InlineData(FalcoPriority.Emergency, "Emergency")]
    [InlineData(FalcoPriority.Alert, "Alert")]
    [InlineData(FalcoPriority.Critical, "Critical")]
    [InlineData(FalcoPriority.Error, "Error")]
    [InlineData(FalcoPriority.Warning, "Warning")]
    [InlineData(FalcoPriority.Notice, "Notice")]
    [InlineData(FalcoPriority.Informational, "Informational")]
    [InlineData(FalcoPriority.Debug, "Debug")]
    [InlineData(FalcoPriority.Unknown, "Unknown")]
    public void ToFalcoName_GivesTheJsonNameThatParsesBack(FalcoPriority priority, string name)
    {
        Assert.Equal(name, priority.ToFalcoName());
        if (priority != FalcoPriority.Unknown)
        {
            Assert.Equal(priority, FalcoPriorities.Parse(name.AsSpan()));
        }
    }
}
