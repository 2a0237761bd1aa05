using System.Text;
using Responder.Core.Alerts;

namespace Responder.Core.Tests.Alerts;

public sealed class FalcoTimeTests
{
    [Theory]
    [InlineData("2024-05-04T13:44:05.478445995Z")]
    [InlineData("2024-05-04T13:44:05.478445995+0000")]
    [InlineData("2024-05-04T13:44:05.478445995+00:00")]
    [InlineData("2024-05-04T15:44:05.478445995+0200")]
    [InlineData("2024-05-04T09:44:05.4784459-0400")]
    [InlineData("2024-05-09T15:30:00Z")]
    [InlineData("2016-12-31T23:59:60Z")]
    public void IsIso8601_FalcoTimes_AreAccepted(string text) =>
        Assert.True(FalcoTime.IsIso8601(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("13:44:05.478445995")]
    [InlineData("2024-13-04T13:44:05Z")]
    [InlineData("2024-05-04T24:00:00Z")]
    [InlineData("2024-05-04T13:44:05")]
    [InlineData("2024-05-04T13:44:05.Z")]
    [InlineData("2024-05-04T13:44:05.1234567890123Z")]
    [InlineData("2024-05-04T13:44:05.478445995Z trailing")]
    [InlineData("2024-05-04T13:44:05+2500")]
    public void IsIso8601_NotATime_IsRejected(string text) =>
        Assert.False(FalcoTime.IsIso8601(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Format_GivesUtcIsoWithSevenDigitsAndZ()
    {
        var time = new DateTimeOffset(2024, 5, 4, 15, 44, 5, TimeSpan.FromHours(2)).AddTicks(4784459);

        Assert.Equal("2024-05-04T13:44:05.4784459Z", FalcoTime.Format(time));
    }
}
