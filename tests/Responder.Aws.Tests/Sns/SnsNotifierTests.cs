using System.Text.Json.Nodes;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.Harness.Servers;
using Responder.TestSupport;

namespace Responder.Aws.Tests.Sns;

/// <summary>The notifier end to end: the real pipeline publishes to fauxqs, the messages are read back from a subscribed queue.</summary>
[Collection(FauxqsCollection.Name)]
public sealed class SnsNotifierTests(FauxqsFixture fauxqs)
{
    private const string EscapePod = "report-job-28551234-kq8zt";
    private const string EscapeNode = "ip-10-0-2-41.eu-west-1.compute.internal";

    private static readonly string[] AttributeNames = ["severity", "priority", "rule", "namespace", "pod", "node", "cluster", "actions", "dryRun", "drill"];

    private async Task<(string Topic, string Queue)> TopicAsync() => await fauxqs.Server.TopicWithQueueAsync($"notifier-{Guid.NewGuid():N}");

    // fauxqs delivers to the queue before Publish returns; the notifier's count says nothing more was sent.
    private async Task<List<JsonObject>> ReceiveAsync(string queue, int expected) =>
        await fauxqs.Server.ReceiveAsync(queue, expected);

    [Fact]
    public async Task Notify_50RepeatsOfACriticalAlertForOnePod_OneAlertMessageWithCountAndTimesPlusOneContainmentMessage()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.From("dry_run = false");
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);
        var alerts = Enumerable.Range(0, 50).Select(i => NotifierHarness.Escape(second: 10 + i));

        var report = await NotifierHarness.RunAsync(config, notifier, new FakeCluster(), Envelopes.CloudWatch(alerts));

        // Dedupe folds the 49 repeats into the first alert; its message still counts all 50.
        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        Assert.Equal(Enumerable.Repeat("duplicate", 49), report.RejectedCodes());
        Assert.Equal(2, notifier.Published);
        var messages = await ReceiveAsync(queue, 2);
        Assert.Equal(2, messages.Count);
        var alert = Assert.Single(messages, m => !m.IsContainment());
        var containment = Assert.Single(messages, m => m.IsContainment());
        Assert.StartsWith($"[CRITICAL] 50x Detect release", alert.Subject(), StringComparison.Ordinal);
        Assert.EndsWith(" - labelled, cordoned, snapshotted, deleted", alert.Subject(), StringComparison.Ordinal);
        Assert.Contains("Alerts:    50 between 2024-05-07T18:00:10.000000000Z and 2024-05-07T18:00:59.000000000Z\n", alert.Body(), StringComparison.Ordinal);
        Assert.Contains("\nAlert JSON:\n{", alert.Body(), StringComparison.Ordinal);
        // The outcome is kept whole; the target is shortened to fit under 100 characters.
        Assert.Equal("[CRITICAL] Containment of batch/report-job-28... - labelled, cordoned, snapshotted, deleted", containment.Subject());
        Assert.StartsWith("Containment done.\n", containment.Body(), StringComparison.Ordinal);
        Assert.Contains($"  delete-pod batch/{EscapePod}: succeeded\n", containment.Body(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_CriticalAlert_EveryFilterAttributeIsSentWithItsValue()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.From("dry_run = false");

        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);

        await NotifierHarness.RunAsync(config, notifier, new FakeCluster(), NotifierHarness.Escape());

        var messages = await ReceiveAsync(queue, 2);
        Assert.Equal(2, notifier.Published);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, message =>
        {
            var attributes = message.Attributes();
            Assert.Equal(AttributeNames.Order(StringComparer.Ordinal), attributes.Keys.Order(StringComparer.Ordinal));
            Assert.All(attributes.Values, a => Assert.False(string.IsNullOrWhiteSpace(a.Value)));
            Assert.Equal(("String", "critical"), attributes["severity"]);
            Assert.Equal(("String", "Critical"), attributes["priority"]);
            Assert.Equal(("String", NotifierHarness.EscapeRule), attributes["rule"]);
            Assert.Equal(("String", "batch"), attributes["namespace"]);
            Assert.Equal(("String", EscapePod), attributes["pod"]);
            Assert.Equal(("String", EscapeNode), attributes["node"]);
            Assert.Equal(("String", NotifierHarness.Cluster), attributes["cluster"]);
            Assert.Equal("String.Array", attributes["actions"].Type);
            Assert.Equal(["label-pod", "cordon-node", "snapshot-node", "delete-pod"], JsonNode.Parse(attributes["actions"].Value)!.AsArray().Select(a => a!.GetValue<string>()));
            Assert.Equal(("String", "false"), attributes["dryRun"]);
            Assert.Equal(("String", "false"), attributes["drill"]);
        });
    }

    [Fact]
    public async Task Notify_RuleStartingWithABracket_ArrivesAsAStringAttributeAndOnlyActionsIsAStringArray()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.Default();
        var alert = Fixtures.AlertNode("terminal-shell");
        alert["rule"] = "[PCI] Terminal shell in container";

        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);

        var report = await NotifierHarness.RunAsync(config, notifier, null, alert.ToJsonString());

        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        var attributes = Assert.Single(await ReceiveAsync(queue, 1)).Attributes();
        Assert.Equal(("String", "[PCI] Terminal shell in container"), attributes["rule"]);
        Assert.Equal(("String.Array", "[]"), attributes["actions"]);
        Assert.All(attributes.Where(a => a.Key != "actions"), a => Assert.Equal("String", a.Value.Type));
    }

    [Fact]
    public async Task Notify_RuleWithLineBreaksAndControlCharacters_ArrivesWithThemEscapedAsAStringAttribute()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.Default();
        var alert = Fixtures.AlertNode("terminal-shell");
        alert["rule"] = "Terminal shell\r\nUser: root\u0000\u2028";

        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);

        var report = await NotifierHarness.RunAsync(config, notifier, null, alert.ToJsonString());

        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        var attributes = Assert.Single(await ReceiveAsync(queue, 1)).Attributes();
        Assert.Equal(("String", @"Terminal shell\r\nUser: root\u0000\u2028"), attributes["rule"]);
    }

    [Fact]
    public async Task Notify_OutputCommandLineAndUserWithForgedLines_EachMessageHasOnlyItsGenuineLines()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.From("dry_run = false");
        var alert = Fixtures.AlertNode("release-agent-escape");
        alert["output"] = alert["output"]!.GetValue<string>() + ForgedLines.Text;
        alert["output_fields"]!["proc.cmdline"] = alert["output_fields"]!["proc.cmdline"]!.GetValue<string>() + ForgedLines.Text;
        alert["output_fields"]!["user.name"] = "root" + ForgedLines.Text;

        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);

        var report = await NotifierHarness.RunAsync(config, notifier, new FakeCluster(), alert.ToJsonString());

        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        var messages = await ReceiveAsync(queue, 2);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, message =>
        {
            var lines = ForgedLines.Of(message.Body());
            var user = Assert.Single(lines, l => l.StartsWith("User:", StringComparison.Ordinal));
            Assert.StartsWith(@"User:      root\nUser:      root (uid 0)\nActions:\n  delete-pod kube-system/coredns: succeeded\r\nDRILL: ", user, StringComparison.Ordinal);
            Assert.Single(lines, l => l.StartsWith("Actions:", StringComparison.Ordinal));
            Assert.Equal($"  delete-pod batch/{EscapePod}: succeeded", Assert.Single(lines, l => l.StartsWith("  delete-pod ", StringComparison.Ordinal)));
            Assert.Single(lines, l => l.StartsWith("Node:", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith("Cluster:", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.StartsWith("DRILL:", StringComparison.Ordinal) || l.StartsWith("DRY RUN:", StringComparison.Ordinal));
        });
        var body = ForgedLines.Of(Assert.Single(messages, m => !m.IsContainment()).Body());
        Assert.Single(body, l => l.StartsWith("Falco:", StringComparison.Ordinal));
        Assert.Single(body, l => l.StartsWith("Alert JSON:", StringComparison.Ordinal));
        Assert.Single(body, l => l.StartsWith("Process:", StringComparison.Ordinal));
        Assert.DoesNotContain(body, l => l.StartsWith("Containment ", StringComparison.Ordinal));
        var containment = ForgedLines.Of(Assert.Single(messages, m => m.IsContainment()).Body());
        Assert.Single(containment, l => l.StartsWith("Containment ", StringComparison.Ordinal));
        Assert.DoesNotContain(containment, l => l.StartsWith("Falco:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notify_AlertWithoutNamespaceOrPod_LeavesThoseAttributesOutRatherThanEmpty()
    {
        var (topic, queue) = await TopicAsync();
        // Notifications only: the default rules would also snapshot the host (a containment message of its own).
        var config = TestConfig.From("[[policy.rules]]\nname = \"notify\"\n[[policy.rules.actions]]\naction = \"notify\"");

        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);

        await NotifierHarness.RunAsync(config, notifier, null, Fixtures.Alert("kernel-module-host"));

        var message = Assert.Single(await ReceiveAsync(queue, 1));
        Assert.Equal(1, notifier.Published);
        var attributes = message.Attributes();
        Assert.DoesNotContain("namespace", attributes.Keys);
        Assert.DoesNotContain("pod", attributes.Keys);
        Assert.Equal(("String", "ip-10-0-4-4.eu-west-1.compute.internal"), attributes["node"]);
        Assert.All(attributes.Values, a => Assert.False(string.IsNullOrWhiteSpace(a.Value)));
        Assert.Contains(" - node ip-10-0-4-4", message.Subject(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_DefaultConfiguration_MarksDryRunInSubjectBodyAndAttribute()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.Default();

        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);

        var report = await NotifierHarness.RunAsync(config, notifier, new FakeCluster(), NotifierHarness.Escape());

        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        var messages = await ReceiveAsync(queue, 2);
        Assert.Equal(2, notifier.Published);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.StartsWith("[CRITICAL][DRY RUN] ", m.Subject(), StringComparison.Ordinal);
            Assert.InRange(m.Subject().Length, 1, 99);
            Assert.EndsWith(" - would label, cordon, snapshot, delete", m.Subject(), StringComparison.Ordinal);
            Assert.Contains("\nDRY RUN: cluster actions were decided but not carried out.\n", m.Body(), StringComparison.Ordinal);
            Assert.Equal("true", m.Attributes()["dryRun"].Value);
        });
        Assert.StartsWith("Containment planned (dry run): nothing was changed.", Assert.Single(messages, m => m.IsContainment()).Body(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_Drill_MarksDrillInSubjectBodyAndAttribute()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.Default();

        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);

        var report = await NotifierHarness.RunAsync(config, notifier, null, Envelopes.Drill(Envelopes.CloudWatch([Fixtures.Alert("terminal-shell")])));

        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        var message = Assert.Single(await ReceiveAsync(queue, 1));
        Assert.Equal(1, notifier.Published);
        Assert.Equal("[LOW][DRY RUN][DRILL] Terminal shell in container - payments/api-7d9f8b6c5d-x2k4q", message.Subject());
        Assert.Contains("\nDRILL: this alert came from a drill (marker falco-responder-drill), not from Falco.\n", message.Body(), StringComparison.Ordinal);
        Assert.Equal("true", message.Attributes()["drill"].Value);
        Assert.Equal("low", message.Attributes()["severity"].Value);
    }

    [Fact]
    public async Task Notify_DifferentRulesAndPods_OneMessageEachWithoutContainmentForNotifyOnlyAlerts()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.Default();
        var shells = Enumerable.Range(0, 4).Select(_ => Fixtures.Alert("terminal-shell"));
        string[] alerts = [.. shells, Fixtures.Alert("read-sensitive-file"), NotifierHarness.Escape(pod: "other-pod"), NotifierHarness.Escape()];

        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);

        var report = await NotifierHarness.RunAsync(config, notifier, null, Envelopes.CloudWatch(alerts));

        Assert.Equal(Enumerable.Repeat("succeeded", 4), report.NotifyOutcomes());
        Assert.Equal(Enumerable.Repeat("duplicate", 3), report.RejectedCodes());
        var messages = await ReceiveAsync(queue, 6);
        Assert.Equal(6, notifier.Published);
        Assert.Equal(6, messages.Count);
        Assert.Equal(2, messages.Count(m => m.IsContainment()));
        Assert.Equal(
            ["batch/other-pod", "batch/report-job-28551234-kq8zt", "payments/api-7d9f8b6c5d-x2k4q", "shop/web-5c6d7f8b9-abcde"],
            messages.Where(m => !m.IsContainment()).Select(m => $"{m.Attributes()["namespace"].Value}/{m.Attributes()["pod"].Value}").Order(StringComparer.Ordinal));
        Assert.Single(messages, m => m.Subject().StartsWith("[LOW][DRY RUN] 4x Terminal shell in container - payments/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notify_SameHostRuleOnTwoNodes_EachNodesContainmentOutcomeIsItsOwnMessage()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.From("""
            dry_run = false
            [[policy.rules]]
            name = "cordon-on-module-injection"
            [policy.rules.match]
            rules = ["Linux Kernel Module Injection Detected"]
            [[policy.rules.actions]]
            action = "cordon-node"
            [[policy.rules.actions]]
            action = "notify"
            """);
        var cluster = new FakeCluster(r => r.Action.Target == "ip-10-0-4-5.eu-west-1.compute.internal"
            ? new PortResult(ActionStatus.Failed, "api-error: 403 nodes is forbidden")
            : new PortResult(ActionStatus.Succeeded, null));
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);
        var second = Fixtures.AlertNode("kernel-module-host");
        second["hostname"] = "ip-10-0-4-5.eu-west-1.compute.internal";

        var report = await NotifierHarness.RunAsync(config, notifier, cluster, Envelopes.CloudWatch([Fixtures.Alert("kernel-module-host"), second.ToJsonString()]));

        Assert.Equal(["succeeded", "failed"], report.Alerts().Select(a => a!["actions"]![0]!["status"]!.GetValue<string>()));
        Assert.Equal(4, notifier.Published);
        var containments = (await ReceiveAsync(queue, 4)).Where(m => m.IsContainment()).ToList();
        Assert.Equal(2, containments.Count);
        Assert.Single(containments, m => m.Subject().EndsWith(" node ip-10-0-4-4.eu-west-1.compute.internal - cordoned", StringComparison.Ordinal));
        var failed = Assert.Single(containments, m => m.Subject().StartsWith("[MEDIUM] Containment FAILED for node ip-10-0-4-5", StringComparison.Ordinal));
        Assert.EndsWith(" - cordon FAILED", failed.Subject(), StringComparison.Ordinal);
        Assert.Contains("  cordon-node ip-10-0-4-5.eu-west-1.compute.internal: failed (api-error: 403 nodes is forbidden)\n", failed.Body(), StringComparison.Ordinal);
        Assert.Equal("ip-10-0-4-5.eu-west-1.compute.internal", failed.Attributes()["node"].Value);
    }

    [Fact]
    public async Task AwsPorts_TopicFromConfigAndEndpointFromEnvironment_PublishesWithTheConfiguredClusterName()
    {
        var (topic, queue) = await TopicAsync();
        var config = TestConfig.From($"""
            [aws]
            sns_topic_arn = "{topic}"
            [cluster]
            name = "staging-eks"
            """);
        var environment = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_SNS"] = fauxqs.Server.Endpoint.AbsoluteUri };
        var notifier = AwsPorts.Notifier(config, name => environment.GetValueOrDefault(name), Fauxqs.Credentials);

        var report = await NotifierHarness.RunAsync(config, notifier!, null, Fixtures.Alert("terminal-shell"));

        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        var message = Assert.Single(await ReceiveAsync(queue, 1));
        Assert.Equal("staging-eks", message.Attributes()["cluster"].Value);
        Assert.Contains("Cluster:   staging-eks\n", message.Body(), StringComparison.Ordinal);
        Assert.Contains($"  notify {topic}: ", message.Body(), StringComparison.Ordinal);
    }
}
