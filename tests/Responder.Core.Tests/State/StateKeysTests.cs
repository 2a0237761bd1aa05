using Responder.Core.Policy;
using Responder.Core.State;
using Responder.Core.Tests.Ranking;
using static Responder.Core.Tests.Ranking.FixtureAlerts;

namespace Responder.Core.Tests.State;

public sealed class StateKeysTests
{
    [Fact]
    public void Alert_SameEventAtAnotherTime_HasTheSameKey()
    {
        var first = Read("terminal-shell");
        var later = Read("terminal-shell", node =>
        {
            node["output"] = node["output"]!.GetValue<string>().Replace("13:44:05.478445995", "13:49:59.000000001", StringComparison.Ordinal);
            node["time"] = "2026-11-27T13:49:59.000000001Z";
        });

        Assert.Equal(StateKeys.Alert(first), StateKeys.Alert(later));
    }

    [Fact]
    public void Alert_IsoTimePrefix_IsLeftOutLikeTheDefaultOne()
    {
        var iso = Read("release-agent-escape");
        var plain = Read("release-agent-escape", node =>
            node["output"] = node["output"]!.GetValue<string>().Replace("2024-05-07T18:54:19.341081180+0000", "18:54:19.341081180", StringComparison.Ordinal));

        Assert.Equal(StateKeys.Alert(iso), StateKeys.Alert(plain));
    }

    [Theory]
    [InlineData("k8s.pod.name", "api-7d9f8b6c5d-zzzzz")]
    [InlineData("k8s.ns.name", "billing")]
    public void Alert_AnotherPodOrNamespace_HasAnotherKey(string field, string value)
    {
        Assert.NotEqual(StateKeys.Alert(Read("terminal-shell")), StateKeys.Alert(Read("terminal-shell", Field(field, value))));
    }

    [Fact]
    public void Alert_AnotherNodeRuleOrOutput_HasAnotherKey()
    {
        var key = StateKeys.Alert(Read("terminal-shell"));

        Assert.NotEqual(key, StateKeys.Alert(Read("terminal-shell", n => n["hostname"] = "ip-10-0-9-9.eu-west-1.compute.internal")));
        Assert.NotEqual(key, StateKeys.Alert(Read("terminal-shell", n => n["rule"] = "Terminal shell in container (custom)")));
        Assert.NotEqual(key, StateKeys.Alert(Read("terminal-shell", n => n["output"] = n["output"]!.GetValue<string>().Replace("bash", "sh", StringComparison.Ordinal))));
    }

    [Fact]
    public void Alert_FieldsRunTogether_DoNotCollide()
    {
        // "a|b" + "c" must not be "a" + "b|c": the fields are separated, not concatenated.
        var one = StateKeys.Alert(Read("terminal-shell", n => { n["rule"] = "ab"; n["output"] = "c"; }));
        var two = StateKeys.Alert(Read("terminal-shell", n => { n["rule"] = "a"; n["output"] = "bc"; }));

        Assert.NotEqual(one, two);
    }

    [Fact]
    public void Keys_EveryFixture_AreShortAndNamespaced()
    {
        foreach (var name in Harness.Fixtures.AlertNames)
        {
            var key = StateKeys.Alert(Read(name));
            Assert.Matches("^alert#[0-9a-f]{64}$", key);
            Assert.Matches($"^action#delete-pod#ns/pod#[0-9a-f]{{64}}$", StateKeys.Action(ActionKind.DeletePod, "ns/pod", key));
        }
    }

    [Theory]
    [InlineData("2026-11-27T10:59:59Z", 3600, "2026-11-27T10:00:00Z")]
    [InlineData("2026-11-27T11:00:00Z", 3600, "2026-11-27T11:00:00Z")]
    [InlineData("2026-11-27T11:07:30Z", 300, "2026-11-27T11:05:00Z")]
    public void WindowStart_IsAMultipleOfTheWindowSinceTheEpoch(string now, int seconds, string start)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), StateKeys.WindowStart(at, TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Alert_AsADrill_HasAKeyOfItsOwn()
    {
        var alert = Read("terminal-shell");

        Assert.NotEqual(StateKeys.Alert(alert), StateKeys.Alert(alert, drill: true));
    }
}
