using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Core.Tests.Policy;

/// <summary>The default policy (samplecfg.toml) end to end: the actions array of the JSON report.</summary>
public sealed class DefaultPolicyReportTests
{
    private const string DryRun = "dry-run";

    public static TheoryData<string, string, string, string, bool> ContainedFixtures() => new()
    {
        { "capitalised-keys", "payments/api-7d9f8b6c5d-x2k4q", "ip-10-0-1-23.eu-west-1.compute.internal", "Critical", false },
        { "debugfs-privileged", "tools/debug-shell", "ip-10-0-1-99.eu-west-1.compute.internal", "Warning", true },
        { "drop-and-execute", "checkout/checkout-6f7b8c9d0-zz9yy", "ip-10-0-2-15.eu-west-1.compute.internal", "Critical", false },
        { "release-agent-escape", "batch/report-job-28551234-kq8zt", "ip-10-0-2-41.eu-west-1.compute.internal", "Critical", true },
        { "sidekick-fileless", "ml/trainer-0", "ip-10-0-5-50.eu-west-1.compute.internal", "Critical", false },
    };

    [Theory]
    [MemberData(nameof(ContainedFixtures))]
    public async Task Respond_CriticalAlertWithPod_LabelsCordonsDeletesAndNotifiesAsDryRun_AndSnapshotsTheNodeOfAnEscape(
        string fixture, string pod, string node, string priority, bool escape)
    {
        var alert = Single(await ReportRunner.RunAsync(Fixtures.Alert(fixture)));

        Assert.Equal(priority, alert["priority"]!.GetValue<string>());
        Assert.Equal("critical", alert["severity"]!.GetValue<string>());
        Assert.True(alert["dryRun"]!.GetValue<bool>());
        Assert.Equal(
            [
                ("label-pod", pod, "planned", DryRun),
                ("cordon-node", node, "planned", DryRun),
                .. escape ? [("snapshot-node", node, "planned", DryRun)] : Array.Empty<(string, string?, string, string?)>(),
                ("delete-pod", pod, "planned", DryRun),
                ("notify", null, "planned", null),
            ],
            Actions(alert));
    }

    [Fact]
    public async Task Respond_EvidenceBucketConfigured_CollectsThePodsEvidenceBeforeItsRemoval()
    {
        var config = TestConfig.From(null, new Dictionary<string, string> { ["RESPONDER_EVIDENCE_BUCKET"] = "falco-evidence" });

        var alert = Single(await ReportRunner.RunAsync(Fixtures.Alert("drop-and-execute"), config));

        Assert.Equal(["label-pod", "cordon-node", "collect-evidence", "delete-pod", "notify"], Actions(alert).Select(a => a.Action));
        var evidence = Actions(alert)[2];
        Assert.Equal(("checkout/checkout-6f7b8c9d0-zz9yy", "planned", DryRun), (evidence.Target, evidence.Status, evidence.Reason));
    }

    [Fact]
    public async Task Respond_KernelModuleLoadedOnTheHost_SnapshotsItsNodeAndNotifies()
    {
        var alert = Single(await ReportRunner.RunAsync(Fixtures.Alert("kernel-module-host")));

        Assert.Equal(
            [("snapshot-node", "ip-10-0-4-4.eu-west-1.compute.internal", "planned", DryRun), ("notify", null, "planned", null)],
            Actions(alert));
    }

    [Fact]
    public async Task Respond_ContainerEscapeAtWarning_IsEscalatedToContainment()
    {
        // Debugfs Launched in Privileged Container is a Warning rule tagged T1611.
        var alert = Single(await ReportRunner.RunAsync(Fixtures.Alert("debugfs-privileged")));

        Assert.Equal(("Warning", 85, "critical"), (alert["priority"]!.GetValue<string>(), alert["score"]!.GetValue<int>(), alert["severity"]!.GetValue<string>()));
        Assert.Equal(["label-pod", "cordon-node", "snapshot-node", "delete-pod", "notify"], Actions(alert).Select(a => a.Action));
    }

    [Fact]
    public async Task Respond_SubTechniqueContainerEscapeAtWarning_IsEscalatedToContainment()
    {
        var node = Fixtures.AlertNode("debugfs-privileged");
        node["tags"] = new JsonArray("container", "mitre_privilege_escalation", "T1611.001");

        var alert = Single(await ReportRunner.RunAsync(node.ToJsonString()));

        Assert.Equal("critical", alert["severity"]!.GetValue<string>());
        Assert.Equal(["label-pod", "cordon-node", "delete-pod", "notify"], Actions(alert).Select(a => a.Action));
    }

    [Fact]
    public async Task Respond_WarningRuleEscalatedByItsRuleOverride_IsContained()
    {
        var config = TestConfig.From("""
            [[ranking.rules]]
            rule = "Read sensitive file*"
            boost = 20
            """);

        var alert = Single(await ReportRunner.RunAsync(Fixtures.Alert("read-sensitive-file"), config));

        Assert.Equal(("Warning", 80, "critical"), (alert["priority"]!.GetValue<string>(), alert["score"]!.GetValue<int>(), alert["severity"]!.GetValue<string>()));
        Assert.Equal(
            [
                ("label-pod", "shop/web-5c6d7f8b9-abcde", "planned", DryRun),
                ("cordon-node", "ip-10-0-3-7.eu-west-1.compute.internal", "planned", DryRun),
                ("delete-pod", "shop/web-5c6d7f8b9-abcde", "planned", DryRun),
                ("notify", null, "planned", null),
            ],
            Actions(alert));
    }

    [Theory]
    [InlineData("k8s-audit-exec", "Notice", "low")]
    [InlineData("terminal-shell", "Notice", "low")]
    [InlineData("read-sensitive-file", "Warning", "high")]
    public async Task Respond_NoticeOrAboveBelowCritical_OnlyNotifies(string fixture, string priority, string severity)
    {
        var alert = Single(await ReportRunner.RunAsync(Fixtures.Alert(fixture)));

        Assert.Equal((priority, severity), (alert["priority"]!.GetValue<string>(), alert["severity"]!.GetValue<string>()));
        Assert.Equal([("notify", null, "planned", null)], Actions(alert));
    }

    [Theory]
    [InlineData("Notice", "notify")]
    [InlineData("Warning", "notify")]
    [InlineData("Error", "notify")]
    [InlineData("Critical", "label-pod cordon-node delete-pod notify")]
    [InlineData("Alert", "label-pod cordon-node delete-pod notify")]
    [InlineData("Emergency", "label-pod cordon-node delete-pod notify")]
    public async Task Respond_EachPriorityAtNoticeOrAbove_NotifiesAndContainsFromCritical(string priority, string actions)
    {
        var node = Fixtures.AlertNode("terminal-shell");
        node["priority"] = priority;

        var alert = Single(await ReportRunner.RunAsync(node.ToJsonString()));

        Assert.Equal(actions.Split(' '), Actions(alert).Select(a => a.Action));
    }

    [Theory]
    [InlineData("Informational")]
    [InlineData("Debug")]
    public async Task Respond_BelowNotice_DoesNothing(string priority)
    {
        var node = Fixtures.AlertNode("terminal-shell");
        node["priority"] = priority;

        var alert = Single(await ReportRunner.RunAsync(node.ToJsonString()));

        Assert.Empty(Actions(alert));
        Assert.True(alert["dryRun"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Respond_InternalDebugEvent_DoesNothing()
    {
        var alert = Single(await ReportRunner.RunAsync(Fixtures.Alert("internal-drop")));

        Assert.Empty(Actions(alert));
    }

    [Theory]
    [InlineData("kube-system")]
    [InlineData("falco")]
    public async Task Respond_CriticalAlertInProtectedNamespace_SkipsEveryClusterActionAndNotifies(string ns)
    {
        var node = Fixtures.AlertNode("drop-and-execute");
        node["output_fields"]!["k8s.ns.name"] = ns;

        var alert = Single(await ReportRunner.RunAsync(node.ToJsonString()));

        var reason = $"protected-namespace: {ns} is protected";
        var pod = $"{ns}/checkout-6f7b8c9d0-zz9yy";
        Assert.Equal(
            [
                ("label-pod", pod, "skipped", reason),
                ("cordon-node", "ip-10-0-2-15.eu-west-1.compute.internal", "skipped", reason),
                ("delete-pod", pod, "skipped", reason),
                ("notify", null, "planned", null),
            ],
            Actions(alert));
    }

    [Fact]
    public async Task Respond_EscalatedAlertInProtectedNamespaceLive_StillSkipsEveryClusterAction()
    {
        var node = Fixtures.AlertNode("debugfs-privileged");
        node["output_fields"]!["k8s.ns.name"] = "kube-system";
        var config = TestConfig.From(null, new Dictionary<string, string> { ["RESPONDER_DRY_RUN"] = "false" });

        var alert = Single(await ReportRunner.RunAsync(node.ToJsonString(), config));

        Assert.False(alert["dryRun"]!.GetValue<bool>());
        Assert.Equal(
            ["skipped", "skipped", "skipped", "skipped", "planned"],
            Actions(alert).Select(a => a.Status));
        Assert.All(Actions(alert).Take(4), a => Assert.StartsWith("protected-namespace: ", a.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Respond_CriticalAlertWithoutPod_OnlyNotifies()
    {
        var node = Fixtures.AlertNode("kernel-module-host");
        node["priority"] = "Critical";
        node["rule"] = "Unexpected outbound connection from the host";

        var alert = Single(await ReportRunner.RunAsync(node.ToJsonString()));

        Assert.Equal("critical", alert["severity"]!.GetValue<string>());
        Assert.Equal([("notify", null, "planned", null)], Actions(alert));
    }

    [Fact]
    public async Task Respond_CriticalAlertWithoutHostname_PlansTheCordonOfThePodsNode()
    {
        var node = Fixtures.AlertNode("drop-and-execute");
        node.Remove("hostname");

        var alert = Single(await ReportRunner.RunAsync(node.ToJsonString()));

        Assert.Equal(
            [
                ("label-pod", "checkout/checkout-6f7b8c9d0-zz9yy", "planned", DryRun),
                ("cordon-node", null, "planned", DryRun),
                ("delete-pod", "checkout/checkout-6f7b8c9d0-zz9yy", "planned", DryRun),
                ("notify", null, "planned", null),
            ],
            Actions(alert));
    }

    [Fact]
    public async Task Respond_DryRunOffByEnvironment_PlansClusterActionsWithoutDryRunReason()
    {
        var config = TestConfig.From(null, new Dictionary<string, string> { ["RESPONDER_DRY_RUN"] = "false" });

        var alert = Single(await ReportRunner.RunAsync(Fixtures.Alert("drop-and-execute"), config));

        Assert.False(alert["dryRun"]!.GetValue<bool>());
        Assert.Equal(
            [("label-pod", "planned", null), ("cordon-node", "planned", null), ("delete-pod", "planned", null), ("notify", "planned", null)],
            Actions(alert).Select(a => (a.Action, a.Status, a.Reason)));
    }

    [Fact]
    public async Task Respond_TopicConfigured_NotifyTargetsTheTopic()
    {
        var config = TestConfig.From(null, new Dictionary<string, string> { ["RESPONDER_SNS_TOPIC_ARN"] = PolicyHarness.Topic });

        var alert = Single(await ReportRunner.RunAsync(Fixtures.Alert("terminal-shell"), config));

        Assert.Equal([("notify", PolicyHarness.Topic, "planned", null)], Actions(alert));
    }

    [Fact]
    public async Task Respond_EveryFixtureInOneBatch_CountsActionsInTheSummary()
    {
        var input = Envelopes.CloudWatch(Fixtures.AlertNames.Select(Fixtures.Alert));

        var report = await ReportRunner.RunAsync(input);

        Assert.Empty(report.Rejected());
        Assert.Equal(Fixtures.AlertNames.Count, report.Alerts().Count);
        var counts = report.Summary()["actions"]!.AsObject().Select(p => (p.Key, p.Value!.GetValue<int>()));
        Assert.Equal([("label-pod", 5), ("cordon-node", 5), ("snapshot-node", 3), ("delete-pod", 5), ("notify", 9)], counts);
        Assert.All(report.Alerts(), a => Assert.True(a!["dryRun"]!.GetValue<bool>()));
        Assert.DoesNotContain(
            report.Alerts().SelectMany(a => Actions(a!.AsObject())),
            a => a.Action != "notify" && (a.Status, a.Reason) != ("planned", DryRun));
    }

    private static JsonObject Single(JsonObject report)
    {
        Assert.Empty(report.Rejected());
        return Assert.Single(report.Alerts())!.AsObject();
    }

    private static List<(string Action, string? Target, string Status, string? Reason)> Actions(JsonObject alert) =>
        [.. alert["actions"]!.AsArray().Select(a => (
            a!["action"]!.GetValue<string>(),
            a["target"]?.GetValue<string>(),
            a["status"]!.GetValue<string>(),
            a["reason"]?.GetValue<string>()))];
}
