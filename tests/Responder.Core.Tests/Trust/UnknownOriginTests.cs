using System.Text;
using System.Text.Json.Nodes;
using Responder.Core.Ingest;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Trust;

/// <summary>
/// Records from a log group without the shipper's kubernetes block. Fluent Bit passes a line on untouched
/// when its metadata lookup fails, so such a record is believed only on evidence of who wrote it: a log
/// stream named after the container's log file, or a log group or stream that is Falco's alone.
/// </summary>
public sealed class UnknownOriginTests
{
    private static readonly string Alert = Fixtures.Alert("terminal-shell");

    // What Fluent Bit's tail input gives when the kubernetes filter passes the record on untouched.
    private static readonly string Untouched =
        new JsonObject { ["log"] = Alert + "\n", ["stream"] = "stdout", ["time"] = "2024-05-04T13:44:05.480000000Z" }.ToJsonString();

    private static readonly string WorkloadStream = Envelopes.ContainerStream("web-6f7d8c9b5-k2m4n", "shop", "web");
    private static readonly string FalcoStream = Envelopes.ContainerStream("falco-x7k2p", "falco", "falco");

    private const string WorkloadMessage =
        "record written by container \"web\" in namespace \"shop\" (its log stream's name), not by Falco (trust.namespaces=[falco], trust.containers=[falco])";

    [Fact]
    public async Task Run_WorkloadLineWithoutMetadataInContainerInsightsGroup_IsUntrustedByItsStreamName()
    {
        var message = await UntrustedAsync(Envelopes.CloudWatch([Untouched], logStream: WorkloadStream));

        Assert.Equal(WorkloadMessage, message);
    }

    [Fact]
    public async Task Run_WorkloadLineWithoutMetadataInAllowListedGroup_IsStillJudgedByItsStreamName()
    {
        var message = await UntrustedAsync(Envelopes.CloudWatch([Untouched], logStream: WorkloadStream), ForgedRecords.Toml);

        Assert.Equal(WorkloadMessage, message);
    }

    [Fact]
    public async Task Run_ShipperBlockDisagreeingWithItsStreamName_IsUntrusted()
    {
        // A kubernetes block naming Falco on a line from the workload's log file: the line's own block,
        // lifted to the root by a parser when the shipper added none.
        var record = Records.InShape(Alert, RecordShape.LogProcessed);

        var message = await UntrustedAsync(Envelopes.CloudWatch([record], logStream: WorkloadStream));

        Assert.Equal(WorkloadMessage, message);
    }

    [Theory]
    [InlineData(RecordShape.RawAlert)]
    [InlineData(RecordShape.LogString)]
    [InlineData(RecordShape.Sidekick)]
    public async Task Run_FalcoLineWithoutMetadata_IsTrustedByItsStreamName(RecordShape shape)
    {
        var record = shape == RecordShape.LogString ? Untouched : Records.InShape(Alert, shape);

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([record], logStream: FalcoStream));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
    }

    [Fact]
    public async Task Run_PayloadsOfDifferentStreamsInOneInput_AreEachJudgedByTheirOwnStream()
    {
        var config = TestConfig.From("[state]\ndedupe_window_seconds = 0");
        var input = string.Join("\n",
            Envelopes.CloudWatch([Untouched, Untouched], logStream: WorkloadStream, firstId: 1),
            Envelopes.CloudWatch([Untouched], logStream: FalcoStream, firstId: 3),
            Envelopes.CloudWatch([Untouched], logStream: WorkloadStream, firstId: 4));

        var report = await ReportRunner.RunAsync(input, config);

        Assert.Equal([Envelopes.EventId(3)], ReportAssert.AlertIds(report));
        Assert.Equal([Envelopes.EventId(1), Envelopes.EventId(2), Envelopes.EventId(4)], ReportAssert.RejectedIds(report));
    }

    [Fact]
    public async Task Run_FalcoStreamInAnotherNamespaceThanConfigured_IsUntrustedNamingTheSetting()
    {
        var message = await UntrustedAsync(Envelopes.CloudWatch([Untouched], logStream: FalcoStream), "[trust]\nnamespaces = [\"security\"]");

        Assert.Equal("record written by container \"falco\" in namespace \"falco\" (its log stream's name), not by Falco (trust.namespaces=[security])", message);
    }

    [Theory]
    [InlineData("falcosidekick")]
    [InlineData("falco.ip-10-0-1-23.falco_falco-x7k2p_falco")]
    [InlineData("kube.var.log.containers.falco-x7k2p_falco_falco-0a1b2c.log")]
    public async Task Run_LineWithoutMetadataFromStreamNamingNoContainer_IsUntrustedNamingTheSettingsThatWouldTrustIt(string stream)
    {
        var message = await UntrustedAsync(Envelopes.CloudWatch([Records.InShape(Alert, RecordShape.RawAlert)], logStream: stream));

        Assert.Equal(
            $"record has no kubernetes metadata and its log stream \"{stream}\" names no container, so nothing shows Falco wrote it: " +
            "list a log group or stream that only Falco writes to in trust.log_groups or trust.log_streams",
            message);
    }

    [Theory]
    [InlineData("log_groups = [\"/aws/falco/*\"]")]
    [InlineData("log_streams = [\"falcosidekick\"]")]
    public async Task Run_LineWithoutMetadataFromAllowListedGroupOrStream_IsTrusted(string setting)
    {
        var input = Envelopes.CloudWatch([Records.InShape(Alert, RecordShape.Sidekick)], logGroup: "/aws/falco/alerts", logStream: "falcosidekick");

        var report = await ReportRunner.RunAsync(input, TestConfig.From($"[trust]\n{setting}"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
    }

    [Fact]
    public async Task Run_EnvelopesWithoutALogGroup_AreTrustedThroughIamAsBefore()
    {
        // The same alert four times: dedupe is off so that each is judged by trust.
        var config = TestConfig.From("[state]\ndedupe_window_seconds = 0");
        var kinesisRaw = new JsonObject
        {
            ["Records"] = new JsonArray(Envelopes.KinesisRecord(Convert.ToBase64String(Encoding.UTF8.GetBytes(Alert)), "49590338271490256608559692538361571095921575989136588891")),
        }.ToJsonString();

        var report = await ReportRunner.RunAsync(string.Join("\n", Alert, Envelopes.Sns(Alert), Envelopes.Array(Alert), kinesisRaw), config);

        ReportAssert.Accounted(report, alerts: 4, rejected: 0);
    }

    private static async Task<string> UntrustedAsync(string input, string? toml = null)
    {
        var report = await ReportRunner.RunAsync(input, TestConfig.From(toml));
        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        Assert.Equal("untrusted", ReportAssert.Text(report.Rejected()[0]!, "code"));
        return ReportAssert.Text(report.Rejected()[0]!, "message")!;
    }
}
