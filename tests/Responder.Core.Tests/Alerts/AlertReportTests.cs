using System.Text.Json.Nodes;
using Responder.Core.Ingest;
using Responder.Harness;
using Responder.TestSupport;
using static Responder.Core.Tests.Alerts.AlertJson;

namespace Responder.Core.Tests.Alerts;

/// <summary>The alert model as the JSON report shows it: invalid alerts cost their record only.</summary>
public sealed class AlertReportTests
{
    public static TheoryData<string, string> InvalidPodNames() => new()
    {
        { "../x", "pod name \"../x\" is not a valid DNS-1123 subdomain" },
        { "a/b", "pod name \"a/b\" is not a valid DNS-1123 subdomain" },
        { new string('q', 300), $"pod name \"{new string('q', 80)}…\" is not a valid DNS-1123 subdomain" },
        { "UPPER", "pod name \"UPPER\" is not a valid DNS-1123 subdomain" },
    };

    [Theory]
    [MemberData(nameof(InvalidPodNames))]
    public async Task Run_InvalidPodName_RejectsThatRecordInvalidNamingThePod(string pod, string message)
    {
        var forged = WithFields("terminal-shell", f => f["k8s.pod.name"] = pod);

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([forged, Fixtures.Alert("drop-and-execute")]));

        ReportAssert.Accounted(report, alerts: 1, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, Envelopes.EventId(1), "invalid");
        Assert.Equal(message, ReportAssert.Text(rejection, "message"));
        Assert.Equal([Envelopes.EventId(2)], ReportAssert.AlertIds(report));
    }

    [Fact]
    public async Task Run_InvalidNamespace_IsInvalid()
    {
        var report = await ReportRunner.RunAsync(WithFields("terminal-shell", f => f["k8s.ns.name"] = "kube_system"));

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "1", "invalid");
        Assert.Equal("namespace \"kube_system\" is not a valid DNS-1123 label", ReportAssert.Text(rejection, "message"));
    }

    [Theory]
    [InlineData("\"rule\":\"Terminal shell in container\",", "", "the alert has no rule field")]
    [InlineData("\"rule\":\"Terminal shell in container\"", "\"rule\":42", "the alert's rule field is not a non-empty string")]
    [InlineData("\"rule\":\"Terminal shell in container\"", "\"rule\":[\"a\"]", "the alert's rule field is not a non-empty string")]
    public async Task Run_MissingOrNonStringRule_IsInvalid(string piece, string replacement, string message)
    {
        var report = await ReportRunner.RunAsync(Envelopes.Sns(With("terminal-shell", piece, replacement)));

        ReportAssert.Accounted(report, alerts: 0, rejected: 1);
        var rejection = ReportAssert.SingleRejection(report, "msg-1", "invalid");
        Assert.Equal(message, ReportAssert.Text(rejection, "message"));
    }

    [Fact]
    public async Task Run_LoneSurrogateEscapeInFields_KeepsTheAlertWithReplacementCharacters()
    {
        // An attacker who can name a process with unpaired surrogates must not make the alert vanish.
        var broken = With("terminal-shell", "\"rule\":\"Terminal shell in container\"", "\"rule\":\"Terminal \\ud800 shell\"")
            .Replace("\"proc.name\":\"bash\"", "\"proc.name\":\"ba\\udc00sh\"", StringComparison.Ordinal);

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([broken, Fixtures.Alert("drop-and-execute")]));

        ReportAssert.Accounted(report, alerts: 2, rejected: 0);
        Assert.Equal("Terminal \uFFFD shell", ReportAssert.Text(report.Alerts()[0]!, "rule"));
        Assert.Equal("Drop and execute new binary in container", ReportAssert.Text(report.Alerts()[1]!, "rule"));
    }

    [Fact]
    public async Task Run_NaAndNullK8sFields_GiveNullPodAndNamespace()
    {
        var alert = WithFields("read-sensitive-file", f =>
        {
            f["k8s.pod.name"] = "<NA>";
            f["k8s.ns.name"] = null;
        });

        var report = await ReportRunner.RunAsync(alert);

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        var reported = report.Alerts()[0]!.AsObject();
        Assert.True(reported.ContainsKey("namespace"));
        Assert.Null(reported["namespace"]);
        Assert.Null(reported["pod"]);
        Assert.Equal("ip-10-0-3-7.eu-west-1.compute.internal", ReportAssert.Text(reported, "node"));
    }

    [Fact]
    public async Task Run_K8sAuditAlert_ReportsNamespaceAndPodFromKaTarget()
    {
        var report = await ReportRunner.RunAsync(Fixtures.Alert("k8s-audit-exec"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        var alert = report.Alerts()[0]!;
        Assert.Equal("k8s_audit", ReportAssert.Text(alert, "source"));
        Assert.Equal("payments", ReportAssert.Text(alert, "namespace"));
        Assert.Equal("api-7d9f8b6c5d-x2k4q", ReportAssert.Text(alert, "pod"));
    }

    [Fact]
    public async Task Run_InternalEvent_IsAnAlertWithSourceInternal()
    {
        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([Fixtures.Alert("internal-drop")]));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        var alert = report.Alerts()[0]!;
        Assert.Equal("internal", ReportAssert.Text(alert, "source"));
        Assert.Equal("Debug", ReportAssert.Text(alert, "priority"));
        Assert.Null(alert["pod"]);
    }

    [Fact]
    public async Task Run_SidekickPayload_ReportsSourceSyscall()
    {
        var report = await ReportRunner.RunAsync(Fixtures.Alert("sidekick-fileless"));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        Assert.Equal("syscall", ReportAssert.Text(report.Alerts()[0]!, "source"));
    }

    [Fact]
    public async Task Run_FluentBitRecordWithBadHostname_TakesNodeFromKubernetesHost()
    {
        var alert = With("terminal-shell", "\"hostname\":\"ip-10-0-1-23.eu-west-1.compute.internal\"", "\"hostname\":\"falco\\nforged\"");
        var record = Records.InShape(alert, RecordShape.LogString, node: "ip-10-0-7-7.eu-west-1.compute.internal");

        var report = await ReportRunner.RunAsync(Envelopes.CloudWatch([record]));

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        var reported = report.Alerts()[0]!;
        Assert.Equal("ip-10-0-7-7.eu-west-1.compute.internal", ReportAssert.Text(reported, "node"));
        Assert.Equal("falco\nforged", ReportAssert.Text(reported, "hostname"));
    }

    [Fact]
    public async Task Run_UnknownPriority_IsReportedAsWrittenAndScoresBelowDebug()
    {
        static JsonObject Quiet(string priority)
        {
            var alert = Fixtures.AlertNode("internal-drop");
            alert["priority"] = priority;
            return alert;
        }

        // The two differ only in priority, which the dedupe key leaves out: dedupe is off to compare them.
        var report = await ReportRunner.RunAsync(Envelopes.Lines(Quiet("urgent").ToJsonString(), Quiet("Debug").ToJsonString()), TestConfig.From("[state]\ndedupe_window_seconds = 0"));

        ReportAssert.Accounted(report, alerts: 2, rejected: 0);
        var unknown = report.Alerts()[0]!;
        var debug = report.Alerts()[1]!;
        Assert.Equal("urgent", ReportAssert.Text(unknown, "priority"));
        Assert.Equal("Debug", ReportAssert.Text(debug, "priority"));
        Assert.True(
            ReportAssert.Int(unknown, "score") < ReportAssert.Int(debug, "score"),
            $"unknown scored {ReportAssert.Int(unknown, "score")}, debug {ReportAssert.Int(debug, "score")}");
        Assert.Equal("informational", ReportAssert.Text(unknown, "severity"));
    }

    [Theory]
    [InlineData("EMERGENCY", "Emergency")]
    [InlineData("info", "Informational")]
    [InlineData(" Warning ", "Warning")]
    [InlineData("critical", "Critical")]
    public async Task Run_PrioritySpelling_IsReportedByItsFalcoName(string written, string reported)
    {
        var alert = Fixtures.AlertNode("terminal-shell");
        alert["priority"] = written;

        var report = await ReportRunner.RunAsync(alert.ToJsonString());

        ReportAssert.Accounted(report, alerts: 1, rejected: 0);
        Assert.Equal(reported, ReportAssert.Text(report.Alerts()[0]!, "priority"));
    }
}
