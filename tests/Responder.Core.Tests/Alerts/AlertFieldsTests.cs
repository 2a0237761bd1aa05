using System.Text.Json;
using Responder.Core.Alerts;
using Responder.Harness;

namespace Responder.Core.Tests.Alerts;

public sealed class AlertFieldsTests
{
    private const string Fields = """
        {
          "proc.name": "nc",
          "proc.aname[2]": "containerd-shim",
          "proc.aname[3]": null,
          "proc.args": ["-e", "/bin/sh", 4444, null],
          "proc.pid": 4242,
          "evt.time": 1714830245478445995,
          "n_evts_dropped_pct": 0.134,
          "user.loginuid": -1,
          "container.privileged": true,
          "proc.is_exe_upper_layer": false,
          "k8s.pod.name": "<NA>",
          "k8s.ns.name": "",
          "ka.req.pod.containers.image": {"a": 1}
        }
        """;

    [Theory]
    [InlineData("proc.name", "nc")]
    [InlineData("proc.aname[2]", "containerd-shim")]
    [InlineData("proc.args", "[\"-e\", \"/bin/sh\", 4444, null]")]
    [InlineData("proc.pid", "4242")]
    [InlineData("evt.time", "1714830245478445995")]
    [InlineData("n_evts_dropped_pct", "0.134")]
    [InlineData("user.loginuid", "-1")]
    [InlineData("container.privileged", "true")]
    [InlineData("proc.is_exe_upper_layer", "false")]
    [InlineData("ka.req.pod.containers.image", "{\"a\": 1}")]
    public void GetText_AnyJsonValue_IsItsText(string key, string expected) =>
        Assert.Equal(expected, Read(Fields).GetText(key));

    [Theory]
    [InlineData("proc.aname[3]")]
    [InlineData("k8s.pod.name")]
    [InlineData("k8s.ns.name")]
    [InlineData("proc.aname[4]")]
    [InlineData("proc.aname")]
    public void GetText_NullNaEmptyOrAbsent_IsNull(string key) =>
        Assert.Null(Read(Fields).GetText(key));

    [Fact]
    public void GetText_CapitalisedKey_MatchesIgnoringCase()
    {
        var fields = Read("""{"K8S.NS.NAME": "payments", "Proc.Name": "nc"}""");

        Assert.Equal("payments", fields.GetText("k8s.ns.name"));
        Assert.Equal("nc", fields.GetText("proc.name"));
    }

    [Fact]
    public void GetText_BracketedKeyFromFixture_IsRead()
    {
        using var alert = JsonDocument.Parse(Fixtures.Alert("drop-and-execute"));
        var fields = new AlertFields(alert.RootElement.GetProperty("output_fields"));

        Assert.Equal("containerd-shim", fields.GetText("proc.aname[2]"));
        Assert.Null(fields.GetText("proc.aname[3]"));
    }

    [Fact]
    public void Empty_HasNoFields()
    {
        Assert.True(AlertFields.Empty.IsEmpty);
        Assert.Null(AlertFields.Empty.GetText("k8s.pod.name"));
    }

    private static AlertFields Read(string json) => new(JsonElement.Parse(json));
}
