using System.Text.Json.Nodes;
using Responder.Aws.Sns;
using Responder.Harness;

namespace Responder.Aws.Tests.Sns;

/// <summary>Alert text cannot add lines to a message: a forged line is shown escaped inside the line that carries it.</summary>
public sealed class MessageBodyForgedLinesTests
{
    private const string Escape = "release-agent-escape";

    private static async Task<(string Alert, string Containment, string Digest)> BodiesAsync(string? field, string key, string suffix)
    {
        var alert = Fixtures.AlertNode(Escape);
        alert["output_fields"]!["container.image.repository"] = "registry.example.com/batch/report";
        var holder = field is null ? alert : alert[field]!.AsObject();
        holder[key] = (holder[key]?.ToString() ?? "1.0") + suffix;
        using var decided = await DecidedAlerts.OfAsync(alert.ToJsonString());
        var context = decided.Context();
        return (MessageBody.Alert(decided.Group, context), MessageBody.Containment(decided.Group, context), MessageBody.Digest(decided.Groups, context));
    }

    [Theory]
    [InlineData(null, "output")]
    [InlineData(null, "rule")]
    [InlineData(null, "priority")]
    [InlineData(null, "source")]
    [InlineData("output_fields", "proc.cmdline")]
    [InlineData("output_fields", "proc.name")]
    [InlineData("output_fields", "proc.pname")]
    [InlineData("output_fields", "user.name")]
    [InlineData("output_fields", "user.uid")]
    [InlineData("output_fields", "container.image.repository")]
    [InlineData("output_fields", "container.image.tag")]
    public async Task Bodies_AlertTextWithForgedLines_HaveTheLinesOfTheSameAlertWithoutThem(string? field, string key)
    {
        var genuine = await BodiesAsync(field, key, " benign");

        var forged = await BodiesAsync(field, key, ForgedLines.Text);

        Assert.Equal(ForgedLines.Count(genuine.Alert), ForgedLines.Count(forged.Alert));
        Assert.Equal(ForgedLines.Count(genuine.Containment), ForgedLines.Count(forged.Containment));
        Assert.Equal(ForgedLines.Count(genuine.Digest), ForgedLines.Count(forged.Digest));
        var summary = forged.Alert[..forged.Alert.IndexOf("\nAlert JSON:\n", StringComparison.Ordinal)];
        Assert.Contains(@"\nUser:      root (uid 0)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_OutputCommandLineAndUserWithForgedLines_ShowsOneUserOneActionsHeaderNoDrillAndTheForgeryEscaped()
    {
        var alert = Fixtures.AlertNode(Escape);
        alert["output"] = alert["output"]!.GetValue<string>() + ForgedLines.Text;
        alert["output_fields"]!["proc.cmdline"] = alert["output_fields"]!["proc.cmdline"]!.GetValue<string>() + ForgedLines.Text;
        alert["output_fields"]!["user.name"] = "root" + ForgedLines.Text;
        using var decided = await DecidedAlerts.OfAsync(alert.ToJsonString());

        var body = MessageBody.Alert(decided.Group, decided.Context());

        var lines = ForgedLines.Of(body);
        Assert.Single(lines, l => l.StartsWith("User:", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Actions:", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("  delete-pod ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("DRY RUN:", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Falco:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("DRILL:", StringComparison.Ordinal));
        var falco = lines[Array.IndexOf(lines, "Falco:") + 1];
        Assert.StartsWith("Detect an attempt to exploit a container escape", falco, StringComparison.Ordinal);
        Assert.EndsWith(@"k8s_pod_name=report-job-28551234-kq8zt\nUser:      root (uid 0)\nActions:\n  delete-pod kube-system/coredns: succeeded\r\nDRILL: this alert came from a drill, not from Falco.\u2028DRY RUN: nothing was changed\u0085Falco:\u2029Alert JSON:\u000bNode:      ip-10-6-6-6\u000cCluster:   forged\rContainment done.", falco, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_RawLineSeparatorsInsideJsonStrings_AreEscapedInTheAlertJsonWhichReadsTheSame()
    {
        // JSON allows U+2028, U+2029 and U+0085 unescaped inside strings; many readers break lines there.
        var json = Fixtures.Alert(Escape).Replace("\"proc.cmdline\":\"sh -c", "\"proc.cmdline\":\"sh\u2028DRILL: forged\u0085User: root\u2029Actions: -c", StringComparison.Ordinal);
        using var decided = await DecidedAlerts.OfAsync(json);

        var body = MessageBody.Alert(decided.Group, decided.Context());

        var section = body[(body.IndexOf("\nAlert JSON:\n", StringComparison.Ordinal) + "\nAlert JSON:\n".Length)..];
        Assert.DoesNotContain(section, c => c is '\u2028' or '\u2029' or '\u0085');
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(section)));
        var lines = ForgedLines.Of(body);
        Assert.DoesNotContain(lines, l => l.StartsWith("DRILL:", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("User:", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Actions:", StringComparison.Ordinal));
    }
}
