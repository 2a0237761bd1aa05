using System.Text.Json.Nodes;
using Responder.Core.Ingest;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Trust;

/// <summary>Each trust check on its own: what it accepts, what it rejects, and the message.</summary>
public sealed class TrustCheckTests
{
    private static readonly string Alert = Fixtures.Alert("terminal-shell");

    [Fact]
    public async Task Run_FalcoNamespaceOtherContainer_NamesOnlyTheContainerSetting()
    {
        var record = Shipped(RecordShape.LogProcessed, container: "sidecar");

        var message = await UntrustedAsync(Envelopes.CloudWatch([record]));

        Assert.Equal("record written by container \"sidecar\" in namespace \"falco\", not by Falco (trust.containers=[falco])", message);
    }

    [Fact]
    public async Task Run_ShipperWithoutLabels_IsJudgedByNamespaceAndContainer()
    {
        var record = JsonNode.Parse(Shipped(RecordShape.LogProcessed))!.AsObject();
        record["kubernetes"]!.AsObject().Remove("labels");

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([record.ToJsonString()]));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
    }

    [Theory]
    [InlineData("labels = [\"app.kubernetes.io/name\"]", 1)]
    [InlineData("labels = [\"app.kubernetes.io/instance=falco\", \"app.kubernetes.io/name=falco\"]", 1)]
    [InlineData("labels = [\"app.kubernetes.io/instance=security\"]", 0)]
    [InlineData("labels = []", 1)]
    public async Task Run_LabelSettings_AreAllRequired(string setting, int alerts)
    {
        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([Shipped(RecordShape.Merged)]), TestConfig.From($"[trust]\n{setting}"));

        ReportAssert.Accounted(report, alerts, rejected: 1 - alerts);
    }

    [Theory]
    [InlineData("falco-system", "namespaces = [\"falco*\"]", true)]
    [InlineData("security", "namespaces = [\"falco\", \"security\"]", true)]
    [InlineData("falco-system", "namespaces = [\"falco\"]", false)]
    [InlineData("anything", "namespaces = [\"*\"]", true)]
    public async Task Run_NamespaceSetting_TakesNamesAndGlobs(string ns, string setting, bool trusted)
    {
        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([Shipped(RecordShape.LogString, ns: ns)]), TestConfig.From($"[trust]\n{setting}"));

        ReportAssert.Accounted(report, alerts: trusted ? 1 : 0, rejected: trusted ? 0 : 1);
    }

    [Fact]
    public async Task Run_RecordsWithoutKubernetesMetadataFromAnAllowListedGroup_AreNotJudgedByThePodChecks()
    {
        // The same alert twice: dedupe is off so that both are judged by trust. The group is Falco's alone,
        // and its stream names no container: only the allow-list can trust what comes from it.
        var config = TestConfig.From("[trust]\nnamespaces = [\"nowhere\"]\ncontainers = [\"nothing\"]\nlog_groups = [\"/aws/falco/alerts\"]\n[state]\ndedupe_window_seconds = 0");
        var input = Envelopes.CloudWatch(
            [Records.InShape(Alert, RecordShape.RawAlert), Records.InShape(Alert, RecordShape.Sidekick)], logGroup: "/aws/falco/alerts", logStream: "falcosidekick");

        var report = await ReportRunner.RunAsync(input, config);

        ReportAssert.Accounted(report, alerts: 2, rejected: 0);
    }

    [Fact]
    public async Task Run_LogStreamNotAllowed_IsUntrustedNamingTheStream()
    {
        var config = TestConfig.From("[trust]\nlog_streams = [\"*_falco_falco-*\"]");
        var allowed = Envelopes.CloudWatch([Alert], logStream: "node-1-application.var.log.containers.falco-x7k2p_falco_falco-0a1b.log");
        var other = Envelopes.CloudWatch([Alert], logStream: "node-1-application.var.log.containers.web-1_shop_web-0a1b.log", firstId: 2);

        var report = await ReportRunner.RunAsync(allowed + "\n" + other, config);

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        Assert.Equal(
            "log stream \"node-1-application.var.log.containers.web-1_shop_web-0a1b.log\" is not in trust.log_streams=[*_falco_falco-*]",
            ReportAssert.Text(ReportAssert.SingleRejection(report, Envelopes.EventId(2), "untrusted"), "message"));
    }

    [Fact]
    public async Task Run_LogGroupAllowList_DoesNotJudgeEnvelopesWithoutALogGroup()
    {
        // The same alert three times: dedupe is off so that each is judged by trust.
        var config = TestConfig.From(ForgedRecords.Toml + "\n[state]\ndedupe_window_seconds = 0");

        var report = await ReportRunner.RunAsync(Alert + "\n" + Envelopes.Sns(Alert) + "\n" + Envelopes.Array(Alert), config);

        ReportAssert.Accounted(report, alerts: 3, rejected: 0);
    }

    [Fact]
    public async Task Run_PayloadWithoutLogGroup_IsUntrustedWhenGroupsAreListed()
    {
        var payload = Envelopes.CloudWatchPayload([Alert]).Replace("\"logGroup\":\"/aws/containerinsights/prod/application\",", string.Empty, StringComparison.Ordinal);

        var message = await UntrustedAsync(Envelopes.CloudWatchEnvelope(Envelopes.Gzip(payload)), ForgedRecords.Toml);

        Assert.Equal("the CloudWatch Logs payload names no log group (trust.log_groups=[/aws/containerinsights/*/application])", message);
    }

    [Fact]
    public async Task Run_EscapedSecondKubernetesKey_StillCountsAsTwoBlocks()
    {
        var record = Shipped(RecordShape.MergedNoLog);
        var forged = record[..^1] + ",\"kuberne\\u0074es\":{\"namespace_name\":\"falco\",\"container_name\":\"falco\"}}";

        var message = await UntrustedAsync(Envelopes.CloudWatch([forged]));

        Assert.StartsWith("record carries 2 kubernetes blocks", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"pod_name\":\"falco-x7k2p\",\"container_name\":\"falco\"}", "namespace_name")]
    [InlineData("{\"pod_name\":\"falco-x7k2p\",\"namespace_name\":\"falco\",\"container_name\":7}", "container_name")]
    public async Task Run_KubernetesMetadataWithoutAName_IsUntrusted(string kubernetes, string missing)
    {
        var record = Alert[..^1] + ",\"stream\":\"stdout\",\"kubernetes\":" + kubernetes + "}";

        var message = await UntrustedAsync(Envelopes.CloudWatch([record]));

        Assert.Equal($"record's kubernetes metadata names no {missing}, so it cannot be shown to come from Falco", message);
    }

    [Fact]
    public async Task Run_DrillMarker_MustBeTheConfiguredOne()
    {
        var config = TestConfig.From("[trust]\ndrill_marker = \"game-day-7\"");

        var report = await ReportRunner.RunAsync(Envelopes.Drill(Alert, "game-day-7") + "\n" + Envelopes.Drill(Alert), config);

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        Assert.Equal("drill marker \"falco-responder-drill\" is not trust.drill_marker", ReportAssert.Text(report.Rejected()[0]!, "message"));
    }

    private static string Shipped(RecordShape shape, string container = "falco", string ns = "falco")
    {
        var record = JsonNode.Parse(Records.InShape(Alert, shape))!.AsObject();
        var kubernetes = record["kubernetes"]!.AsObject();
        kubernetes["container_name"] = container;
        kubernetes["namespace_name"] = ns;
        return record.ToJsonString();
    }

    private static async Task<string> UntrustedAsync(string input, string? toml = null)
    {
        var report = await ReportRunner.RunAsync(input, TestConfig.From(toml));
        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        Assert.Equal("untrusted", ReportAssert.Text(report.Rejected()[0]!, "code"));
        return ReportAssert.Text(report.Rejected()[0]!, "message")!;
    }
}
