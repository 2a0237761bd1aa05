using Responder.Core.Containment;
using Responder.Core.Evidence;

namespace Responder.Core.Tests.Evidence;

public sealed class EvidenceKeysTests
{
    private static readonly PodFacts Pod = new("payments", "api-7d9f8b6c5d-x2k4q", "0b4f1d6e-2c1a-4e8e-9d5b-7f3a2b1c0d9e");

    [Fact]
    public void Folder_IsPrefixClusterNamespacePodUidAlert()
    {
        Assert.Equal(
            "falco-responder/prod/payments/api-7d9f8b6c5d-x2k4q/0b4f1d6e-2c1a-4e8e-9d5b-7f3a2b1c0d9e/38229431432906126405339999991111/",
            EvidenceKeys.Folder("falco-responder/", "prod", Pod, "38229431432906126405339999991111"));
    }

    [Theory]
    [InlineData("3:7", "3_7")]
    [InlineData("../../x", ".._.._x")]
    [InlineData("..", "__")]
    [InlineData(".", "_")]
    [InlineData("", "_")]
    [InlineData("a/b", "a_b")]
    [InlineData("naïve id", "na_ve_id")]
    public void Segment_AnAlertIdFromTheInput_NeverAddsOrClimbsOutOfASegment(string id, string segment)
    {
        Assert.Equal(segment, EvidenceKeys.Segment(id));
    }

    [Fact]
    public void Segment_ALongId_IsCut()
    {
        Assert.Equal(200, EvidenceKeys.Segment(new string('7', 500)).Length);
    }

    [Fact]
    public void Log_CurrentAndPrevious_HaveTheirOwnKeys()
    {
        Assert.Equal(("f/logs/app.log", "f/logs/app.previous.log"), (EvidenceKeys.Log("f/", "app", false), EvidenceKeys.Log("f/", "app", true)));
    }
}
