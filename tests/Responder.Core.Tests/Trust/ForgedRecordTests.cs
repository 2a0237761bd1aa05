using Responder.Core.Ingest;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Trust;

/// <summary>The forged-record corpus through the whole pipeline: every record untrusted, nothing done.</summary>
public sealed class ForgedRecordTests
{
    public static TheoryData<string> Names() => [.. ForgedRecords.Names];

    [Fact]
    public void Corpus_CoversTheForgeries_AtLeastOnePerKind()
    {
        Assert.Superset(
            new HashSet<string> { "container-insights-workload", "merged-workload", "wrong-namespace", "wrong-log-group", "drill-without-marker", "drill-wrong-marker", "no-metadata-workload" },
            new HashSet<string>(ForgedRecords.Names));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Run_ForgedRecord_IsUntrustedSayingWhichCheckFailed(string name)
    {
        var report = await ReportRunner.RunAsync(ForgedRecords.Document(name), TestConfig.From(ForgedRecords.Toml));

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, Envelopes.EventId(1), "untrusted");
        Assert.Equal(ForgedRecords.Message(name), ReportAssert.Text(rejection, "message"));
        Assert.Empty(report.Summary()["actions"]!.AsObject());
    }

    [Fact]
    public async Task Run_WholeCorpusInOneInput_IsAllUntrustedWithZeroActions()
    {
        var input = string.Join("\n", ForgedRecords.Names.Select(ForgedRecords.Document));

        var report = await ReportRunner.RunAsync(input, TestConfig.From(ForgedRecords.Toml));

        ReportAssert.Accounted(report, alerts: 0, rejected: ForgedRecords.Names.Count);
        Assert.All(report.RejectedCodes(), code => Assert.Equal("untrusted", code));
        Assert.Empty(report.Summary()["actions"]!.AsObject());
    }

    // The control: the same critical alert, written by the Falco pod into the allowed log group, is acted on
    // in every shape, so the corpus is rejected for what it forges and not for its alert.
    [Theory]
    [InlineData(RecordShape.RawAlert)]
    [InlineData(RecordShape.LogString)]
    [InlineData(RecordShape.LogObject)]
    [InlineData(RecordShape.Merged)]
    [InlineData(RecordShape.MergedNoLog)]
    [InlineData(RecordShape.LogProcessed)]
    [InlineData(RecordShape.Sidekick)]
    public async Task Run_FalcoPodInAllowedLogGroup_IsTrustedAndContained(RecordShape shape)
    {
        var alert = Fixtures.Alert("terminal-shell").Replace("\"Notice\"", "\"Critical\"", StringComparison.Ordinal);

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([Records.InShape(alert, shape)]), TestConfig.From(ForgedRecords.Toml));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        Assert.Equal(["label-pod", "cordon-node", "delete-pod", "notify"], ReportAssert.Texts(report.Alerts()[0]!["actions"]!.AsArray(), "action"));
    }

    [Fact]
    public async Task Run_DrillWithConfiguredMarker_IsTrusted()
    {
        var forged = ForgedRecords.Case("drill-wrong-marker");
        var toml = ForgedRecords.Toml + "drill_marker = \"drill\"\n";

        var report = await ReportRunner.RunAsync(ForgedRecords.Document("drill-wrong-marker"), TestConfig.From(toml));

        Assert.Equal("drill", forged["drill"]!["marker"]!.GetValue<string>());
        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
    }
}
