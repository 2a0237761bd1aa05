using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.TestSupport;

namespace Responder.Core.Tests.Response;

/// <summary>The record-finding action: beside every notify when findings are on, after the cluster actions, never at their cost.</summary>
public sealed class FindingsPipelineTests
{
    private static readonly string Critical = Fixtures.Alert("release-agent-escape");
    private const string FindingsOn = "dry_run = false\n[cluster]\nname = \"prod\"\n[securityhub]\nenabled = true";

    private static string[] Actions(System.Text.Json.Nodes.JsonObject report, int alert = 0) =>
        [.. report.Alerts()[alert]!["actions"]!.AsArray().Select(a => $"{a!["action"]}:{a["status"]}")];

    [Fact]
    public async Task Process_FindingsOnWithoutPorts_RecordFindingPlannedAfterNotifyNamedByTheAlertsKey()
    {
        var config = TestConfig.From(FindingsOn);

        var report = await ReportRunner.RunAsync(Envelopes.Lines(Critical), config);

        Assert.Equal(["label-pod:planned", "cordon-node:planned", "snapshot-node:planned", "delete-pod:planned", "notify:planned", "record-finding:planned"], Actions(report));
        var finding = report.Alerts()[0]!["actions"]![5]!;
        Assert.Matches("^falco-responder/prod/[0-9a-f]{64}$", finding["target"]!.GetValue<string>());
        Assert.Equal(1, report.Summary()["actions"]!["record-finding"]!.GetValue<int>());
    }

    [Fact]
    public async Task Process_FindingsOff_NoRecordFinding()
    {
        var report = await ReportRunner.RunAsync(Envelopes.Lines(Critical), TestConfig.From("dry_run = false"));

        Assert.DoesNotContain(Actions(report), a => a.StartsWith("record-finding", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Process_AlertWithoutNotify_HasNoFinding()
    {
        var report = await ReportRunner.RunAsync(Envelopes.Lines(Fixtures.Alert("internal-drop")), TestConfig.From(FindingsOn));

        Assert.Empty(Actions(report));
    }

    [Fact]
    public async Task Process_WithPorts_TheFindingSeesTheClusterOutcomesAndIsRecordedBesideTheNotification()
    {
        var findings = new FakeFindings();
        var notifier = new FakeNotifier();
        var cluster = new FakeCluster(a => a.Kind == ActionKind.DeletePod ? new PortResult(ActionStatus.Failed, "forbidden: no") : new PortResult(ActionStatus.Succeeded, null));

        var report = await ReportRunner.RunAsync(Envelopes.Lines(Critical), TestConfig.From(FindingsOn), notifier, cluster, findings);

        var recorded = Assert.Single(findings.Recorded);
        Assert.Equal(["label-pod:succeeded", "cordon-node:succeeded", "snapshot-node:succeeded", "delete-pod:failed"], recorded.Statuses);
        Assert.Equal(report.Alerts()[0]!["actions"]![5]!["target"]!.GetValue<string>(), recorded.FindingId);
        Assert.Single(notifier.Notified);
        Assert.Equal(["label-pod:succeeded", "cordon-node:succeeded", "snapshot-node:succeeded", "delete-pod:failed", "notify:succeeded", "record-finding:succeeded"], Actions(report));
    }

    [Fact]
    public async Task Act_FindingsFailRetryably_TheInvocationIsToBeRetriedButNotificationAndContainmentStand()
    {
        var findings = new FakeFindings(_ => new PortResult(ActionStatus.Failed, "securityhub-error: ThrottlingException: slow down") { Retryable = true });
        var notifier = new FakeNotifier();
        var pipeline = new ResponsePipeline(TestConfig.From(FindingsOn), notifier, new FakeCluster(), findings: findings);

        var result = await Process(pipeline, Critical);

        var actions = Assert.Single(result.Alerts).Actions;
        Assert.All(actions.Take(5), a => Assert.Equal(ActionStatus.Succeeded, a.Status));
        Assert.Equal((ActionKind.RecordFinding, ActionStatus.Failed, true), (actions[5].Kind, actions[5].Status, actions[5].Retryable));
        Assert.Single(notifier.Notified);
    }

    [Theory]
    [InlineData(ActionScope.NotifyOnly, "notify,record-finding")]
    [InlineData(ActionScope.Containment, "label-pod,cordon-node,snapshot-node,delete-pod,notify,record-finding")]
    public async Task Decide_HandlerScopes_TheFindingFollowsTheNotification(ActionScope scope, string expected)
    {
        var pipeline = new ResponsePipeline(TestConfig.From(FindingsOn), scope: scope);

        var critical = await Process(pipeline, Critical);
        var notice = await Process(pipeline, Fixtures.Alert("k8s-audit-exec"));

        Assert.Equal(expected, string.Join(',', Assert.Single(critical.Alerts).Actions.Select(a => a.Kind.ToWire())));
        Assert.Equal(scope == ActionScope.NotifyOnly ? "notify,record-finding" : string.Empty, string.Join(',', Assert.Single(notice.Alerts).Actions.Select(a => a.Kind.ToWire())));
    }

    [Fact]
    public async Task Decide_SameAlertTwice_SameFinding_DrillOfItAnother()
    {
        var pipeline = new ResponsePipeline(TestConfig.From(FindingsOn + "\n[state]\ndedupe_window_seconds = 0"));

        var one = await Process(pipeline, Critical);
        var two = await Process(pipeline, Critical);
        var drill = await Process(pipeline, Envelopes.Drill(Envelopes.CloudWatch([Critical])));

        static string Finding(BatchResult result) => Assert.Single(result.Alerts).Actions.Single(a => a.Kind == ActionKind.RecordFinding).Target!;
        Assert.Equal(Finding(one), Finding(two));
        Assert.NotEqual(Finding(one), Finding(drill));
        Assert.Equal(FindingIds.Of("prod", Assert.Single(one.Alerts).Key), Finding(one));
    }

    private static async Task<BatchResult> Process(ResponsePipeline pipeline, string document)
    {
        using var reader = new Core.Ingest.DocumentReader(Envelopes.Lines(document), Core.Ingest.InputLimits.Default.MaxEnvelopeBytes);
        Assert.True(reader.TryRead(out var input));
        using var batch = pipeline.Decoder.Decode(input);
        return await pipeline.ProcessAsync(batch, CancellationToken.None);
    }
}
