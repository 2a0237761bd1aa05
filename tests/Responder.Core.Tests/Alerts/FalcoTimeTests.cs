using Responder.Core.Alerts;

namespace Responder.Core.Tests.Alerts;

public sealed class FalcoTimeTests
{
    private static readonly DateTimeOffset ShellTime = new DateTimeOffset(2024, 5, 4, 13, 44, 5, TimeSpan.Zero).AddTicks(4784459);

    [Theory]
    [InlineData("2024-05-04T13:44:05.478445995Z")]
    [InlineData("2024-05-04T13:44:05.478445995+0000")]
    [InlineData("2024-05-04T13:44:05.478445995+00:00")]
    [InlineData("2024-05-04T15:44:05.478445995+0200")]
    [InlineData("2024-05-04T09:44:05.4784459-0400")]
    public void TryParse_NanosecondIsoTime_GivesTheUtcInstant(string text)
    {
        Assert.True(FalcoTime.TryParse(text, out var time));
        Assert.Equal(ShellTime, time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Fact]
    public void TryParse_WholeSeconds_Parses()
    {
        Assert.True(FalcoTime.TryParse("2024-05-09T15:30:00Z", out var time));
        Assert.Equal(new DateTimeOffset(2024, 5, 9, 15, 30, 0, TimeSpan.Zero), time);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2024-13-45T99:00:00Z")]
    [InlineData("2024-05-04T13:44:05.478445995Z and then some text to make the value longer than 64")]
    public void TryParse_NotATime_IsFalse(string? text) =>
        Assert.False(FalcoTime.TryParse(text, out _));

    [Fact]
    public void Format_GivesUtcIsoWithSevenDigitsAndZ() =>
        Assert.Equal("2024-05-04T13:44:05.4784459Z", FalcoTime.Format(ShellTime.ToOffset(TimeSpan.FromHours(2))));
}
