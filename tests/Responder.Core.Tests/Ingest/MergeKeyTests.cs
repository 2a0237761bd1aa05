using System.Text.Json.Nodes;
using Responder.Core.Ingest;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Ingest;

/// <summary>
/// Alerts a shipper nested under a merge key (Fluent Bit's Merge_Log_Key: the aws-for-fluent-bit chart's "data"), and
/// merged records that carry the shipper's time beside Falco's: the alert is found, and its time is Falco's.
/// </summary>
public sealed class MergeKeyTests
{
    private static readonly string Shell = Fixtures.Alert("terminal-shell");

    [Fact]
    public async Task DataMergeKey_WithKeepLogOff_IsAnAlert()
    {
        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([Records.InShape(Shell, RecordShape.MergeKey)]));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        Assert.Equal("Terminal shell in container", ReportAssert.Text(report.Alerts()[0]!, "rule"));
        Assert.Equal("payments", ReportAssert.Text(report.Alerts()[0]!, "namespace"));
    }

    [Fact]
    public async Task ConfiguredMergeKey_IsRead_AndOnlyTheListedOnesAre()
    {
        var payload = Records.Shipper(new JsonObject { ["payload"] = JsonNode.Parse(Shell) }, "ip-10-0-1-23.eu-west-1.compute.internal").ToJsonString();
        var input = Envelopes.CloudWatch([payload, Records.InShape(Shell, RecordShape.MergeKey)]);

        var report = await ReportRunner.RunAsync(input, TestConfig.From("[input]\nmerge_keys = [\"log_processed\", \"payload\"]"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        Assert.Equal([Envelopes.EventId(1)], ReportAssert.AlertIds(report));
        ReportAssert.SingleRejection(report, Envelopes.EventId(2), "not-an-alert");
    }

    [Fact]
    public async Task MergeKeyHoldingSomethingElse_IsNotAnAlert()
    {
        var record = Records.Shipper(new JsonObject { ["data"] = new JsonObject { ["level"] = "info", ["msg"] = "Falco initialized" } }, "n1").ToJsonString();

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([record]));

        ReportAssert.SingleRejection(report, Envelopes.EventId(1), "not-an-alert");
    }

    [Theory]
    [InlineData("13:44:05.478445995: Notice A shell was spawned", "2024-05-04T13:44:05.478445995Z")]
    [InlineData("2024-05-04T13:44:05.478445995+0000: Notice A shell was spawned", "2024-05-04T13:44:05.478445995Z")]
    [InlineData("A shell was spawned", "2024-05-04T13:44:05.478445995Z")]
    public async Task MergedRecordWithTheShippersTimeFirst_TheAlertsTimeIsFalcos(string output, string expected)
    {
        // As Fluent Bit's Merge_Log writes it with Time_Keep On: its own keys, then the alert's, a time in each.
        var record = $$$"""{"log":"x","stream":"stdout","time":"2024-05-04T13:44:09.000000000Z","kubernetes":{"namespace_name":"falco","container_name":"falco","pod_name":"falco-x7k2p","labels":{"app.kubernetes.io/name":"falco"}},"rule":"Terminal shell in container","priority":"Notice","output":"{{{output}}}","source":"syscall","time":"2024-05-04T13:44:05.478445995Z","output_fields":{"k8s.ns.name":"payments","k8s.pod.name":"api-1"}}""";

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([record]));

        Assert.Equal(expected, ReportAssert.Text(report.Alerts()[0]!, "time"));
    }

    [Fact]
    public async Task MergedRecordWithOneTime_KeepsIt()
    {
        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([Records.InShape(Shell, RecordShape.MergedNoLog)]));

        Assert.Equal("2024-05-04T13:44:05.480000000Z", ReportAssert.Text(report.Alerts()[0]!, "time"));
    }

    [Theory]
    [InlineData("merge_keys = [\"\"]")]
    [InlineData("merge_keys = [\"data\", \"data\"]")]
    [InlineData("merge_keys = [\"kubernetes\"]")]
    public void Config_BadMergeKey_IsAnError(string toml)
    {
        var result = TestConfig.Load("[input]\n" + toml);

        Assert.Contains(result.Errors, e => e.Path.StartsWith("input.merge_keys[", StringComparison.Ordinal));
    }
}
