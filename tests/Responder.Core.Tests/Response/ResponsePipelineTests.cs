using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.TestSupport;

namespace Responder.Core.Tests.Response;

public sealed class ResponsePipelineTests
{
    private static readonly string Critical = Fixtures.Alert("drop-and-execute");

    private static string[] Actions(System.Text.Json.Nodes.JsonObject report, int alert = 0) =>
        [.. report.Alerts()[alert]!["actions"]!.AsArray().Select(a => $"{a!["action"]}:{a["status"]}")];

    [Fact]
    public async Task Process_NoPorts_LeavesEveryActionPlanned()
    {
        var report = await ReportRunner.RunAsync(Critical);

        Assert.Equal(["label-pod:planned", "cordon-node:planned", "delete-pod:planned", "notify:planned"], Actions(report));
    }

    [Fact]
    public async Task Process_DryRunOffWithCluster_RunsClusterActionsInOrderThenNotifiesTheirOutcome()
    {
        var cluster = new FakeCluster();
        var notifier = new FakeNotifier();

        var report = await ReportRunner.RunAsync(Envelopes.Lines(Critical), TestConfig.From("dry_run = false"), notifier, cluster);

        Assert.Equal([ActionKind.LabelPod, ActionKind.CordonNode, ActionKind.DeletePod], cluster.Requests.Select(r => r.Action.Kind));
        Assert.Equal("checkout/checkout-6f7b8c9d0-zz9yy", cluster.Requests[0].Action.Target);
        Assert.Equal(0, cluster.Requests[2].Action.Spec.GracePeriodSeconds);
        var notified = Assert.Single(notifier.Notified);
        Assert.Equal(["label-pod:succeeded", "cordon-node:succeeded", "delete-pod:succeeded", "notify:planned"], notified.Statuses);
        Assert.Equal(["label-pod:succeeded", "cordon-node:succeeded", "delete-pod:succeeded", "notify:succeeded"], Actions(report));
    }

    [Fact]
    public async Task Process_DryRunOn_SendsNothingToTheClusterButStillNotifies()
    {
        var cluster = new FakeCluster();
        var notifier = new FakeNotifier();

        var report = await ReportRunner.RunAsync(Envelopes.Lines(Critical), TestConfig.Default(), notifier, cluster);

        Assert.Empty(cluster.Requests);
        Assert.Single(notifier.Notified);
        Assert.Equal(["label-pod:planned", "cordon-node:planned", "delete-pod:planned", "notify:succeeded"], Actions(report));
        Assert.True(report.Alerts()[0]!["dryRun"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Process_RuleDryRun_HoldsBackOnlyThatRulesActions()
    {
        var config = TestConfig.From("""
            dry_run = false
            [[policy.rules]]
            name = "label-for-real"
            [[policy.rules.actions]]
            action = "label-pod"
            [[policy.rules]]
            name = "delete-in-dry-run"
            dry_run = true
            [[policy.rules.actions]]
            action = "delete-pod"
            """);
        var cluster = new FakeCluster();

        var report = await ReportRunner.RunAsync(Envelopes.Lines(Critical), config, cluster: cluster);

        Assert.Equal([ActionKind.LabelPod], cluster.Requests.Select(r => r.Action.Kind));
        var delete = report.Alerts()[0]!["actions"]![1]!;
        Assert.Equal("planned", delete["status"]!.GetValue<string>());
        Assert.Equal("dry-run (policy rule delete-in-dry-run)", delete["reason"]!.GetValue<string>());
        Assert.True(report.Alerts()[0]!["dryRun"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Process_ClusterFailureAndSkip_AreReportedWithTheirReasons()
    {
        var cluster = new FakeCluster(r => r.Action.Kind switch
        {
            ActionKind.CordonNode => new PortResult(ActionStatus.Skipped, "last-schedulable-node: ip-10-0-2-41 is the only schedulable node"),
            ActionKind.DeletePod => new PortResult(ActionStatus.Failed, "api-error: 500 from the API server"),
            _ => new PortResult(ActionStatus.Succeeded, null),
        });

        var report = await ReportRunner.RunAsync(Envelopes.Lines(Critical), TestConfig.From("dry_run = false"), cluster: cluster);

        var actions = report.Alerts()[0]!["actions"]!.AsArray();
        Assert.Equal("skipped", actions[1]!["status"]!.GetValue<string>());
        Assert.StartsWith("last-schedulable-node:", actions[1]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", actions[2]!["status"]!.GetValue<string>());
        Assert.Equal("api-error: 500 from the API server", actions[2]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Process_GuardrailSkips_NeverReachTheCluster()
    {
        var alert = Fixtures.AlertNode("release-agent-escape");
        alert["output_fields"]!["k8s.ns.name"] = "kube-system";
        var cluster = new FakeCluster();

        var report = await ReportRunner.RunAsync(Envelopes.Lines(alert.ToJsonString()), TestConfig.From("dry_run = false"), cluster: cluster);

        Assert.Empty(cluster.Requests);
        Assert.Equal(["label-pod:skipped", "cordon-node:skipped", "snapshot-node:skipped", "delete-pod:skipped", "notify:planned"], Actions(report));
    }

    [Fact]
    public async Task Process_PortReturningTheWrongNumberOfResults_IsAProgrammingError()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ReportRunner.RunAsync(Envelopes.Lines(Envelopes.CloudWatch([Critical, Critical])), TestConfig.Default(), new FakeNotifier(resultCount: 0)));
    }

    [Fact]
    public async Task Process_NotifyOnlyAlerts_AreNotifiedOncePerAlertInInputOrder()
    {
        var notifier = new FakeNotifier();
        var input = Envelopes.CloudWatch([Fixtures.Alert("terminal-shell"), Fixtures.Alert("internal-drop"), Fixtures.Alert("read-sensitive-file")]);

        await ReportRunner.RunAsync(Envelopes.Lines(input), TestConfig.Default(), notifier);

        Assert.Equal([Envelopes.EventId(1), Envelopes.EventId(3)], notifier.Notified.Select(n => n.Id));
    }
}
