using System.Text.RegularExpressions;
using Responder.Harness;

namespace Responder.Aws.Tests.Sns;

/// <summary>FIFO topics (ARN ending .fifo): every Publish carries a group id and a deduplication id stable across retries of the same event.</summary>
[Collection(FauxqsCollection.Name)]
public sealed partial class SnsNotifierFifoTests(FauxqsFixture fauxqs)
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    private static List<Dictionary<string, string>> Publishes(FaultingHandler recorder) =>
        [.. recorder.Bodies.Select(FaultingHandler.Form)];

    [Fact]
    public async Task Notify_FifoTopic_EveryMessageArrivesWithAGroupPerPodAndItsOwnDeduplicationId()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"fifo-{Guid.NewGuid():N}", fifo: true);
        Assert.EndsWith(".fifo", topic, StringComparison.Ordinal);
        var config = TestConfig.From("[notifications]\nmax_messages = 2");
        var recorder = new FaultingHandler();
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config, recorder);
        string[] alerts = [NotifierHarness.Escape(), NotifierHarness.Escape(pod: "other-pod"), Fixtures.Alert("terminal-shell")];

        var report = await NotifierHarness.RunAsync(config, notifier, null, Envelopes.CloudWatch(alerts));

        Assert.Equal(["succeeded", "succeeded", "succeeded"], report.NotifyOutcomes());
        var messages = await fauxqs.Server.ReceiveAsync(queue, 5);
        Assert.Equal(5, messages.Count);
        var publishes = Publishes(recorder);
        Assert.Equal(5, publishes.Count);
        Assert.Equal(
            ["digest", "prod-eks/batch/other-pod", "prod-eks/batch/other-pod", "prod-eks/batch/report-job-28551234-kq8zt", "prod-eks/batch/report-job-28551234-kq8zt"],
            publishes.Select(p => p["MessageGroupId"]).Order(StringComparer.Ordinal));
        Assert.All(publishes, p => Assert.Matches(Sha256Hex(), p["MessageDeduplicationId"]));
        Assert.Equal(5, publishes.Select(p => p["MessageDeduplicationId"]).Distinct().Count());
        Assert.Equal(publishes.Select(p => p["Subject"]).Order(StringComparer.Ordinal), messages.Select(m => m.Subject()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Notify_SameEventTwice_SendsTheSameDeduplicationIds()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"fifo-{Guid.NewGuid():N}", fifo: true);
        var config = TestConfig.Default();
        var input = Envelopes.CloudWatch([NotifierHarness.Escape(), NotifierHarness.Escape(second: 30), Fixtures.Alert("terminal-shell")]);
        var first = new FaultingHandler();
        var second = new FaultingHandler();

        await NotifierHarness.RunAsync(config, NotifierHarness.Notifier(fauxqs.Server, topic, config, first), null, input);
        await NotifierHarness.RunAsync(config, NotifierHarness.Notifier(fauxqs.Server, topic, config, second), null, input);

        Assert.Equal(3, first.Attempts);
        Assert.Equal(
            Publishes(first).Select(p => p["MessageDeduplicationId"]).Order(StringComparer.Ordinal),
            Publishes(second).Select(p => p["MessageDeduplicationId"]).Order(StringComparer.Ordinal));
        Assert.Equal(3, (await fauxqs.Server.ReceiveAsync(queue, 4, TimeSpan.FromSeconds(1))).Count);
    }

    [Fact]
    public async Task Notify_HostAlertsOnTwoNodesAtTheSameTime_GetDifferentGroupAndDeduplicationIds()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"fifo-{Guid.NewGuid():N}", fifo: true);
        // Notifications only: the default rules would also snapshot the host (a containment message of its own).
        var config = TestConfig.From("[[policy.rules]]\nname = \"notify\"\n[[policy.rules.actions]]\naction = \"notify\"");
        var recorder = new FaultingHandler();
        var other = Fixtures.AlertNode("kernel-module-host");
        other["hostname"] = "ip-10-0-4-5.eu-west-1.compute.internal";

        await NotifierHarness.RunAsync(config, NotifierHarness.Notifier(fauxqs.Server, topic, config, recorder), null, Envelopes.CloudWatch([Fixtures.Alert("kernel-module-host"), other.ToJsonString()]));

        var publishes = Publishes(recorder);
        Assert.Equal(
            ["prod-eks/-/ip-10-0-4-4.eu-west-1.compute.internal", "prod-eks/-/ip-10-0-4-5.eu-west-1.compute.internal"],
            publishes.Select(p => p["MessageGroupId"]).Order(StringComparer.Ordinal));
        Assert.NotEqual(publishes[0]["MessageDeduplicationId"], publishes[1]["MessageDeduplicationId"]);
        Assert.Equal(2, (await fauxqs.Server.ReceiveAsync(queue, 2)).Count);
    }

    [Fact]
    public async Task Notify_StandardTopic_SendsNoGroupOrDeduplicationId()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"standard-{Guid.NewGuid():N}");
        var config = TestConfig.Default();
        var recorder = new FaultingHandler();

        await NotifierHarness.RunAsync(config, NotifierHarness.Notifier(fauxqs.Server, topic, config, recorder), null, Fixtures.Alert("terminal-shell"));

        var publish = Assert.Single(Publishes(recorder));
        Assert.DoesNotContain("MessageGroupId", publish.Keys);
        Assert.DoesNotContain("MessageDeduplicationId", publish.Keys);
        Assert.Equal(("Publish", topic), (publish["Action"], publish["TopicArn"]));
        Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 1));
    }
}
