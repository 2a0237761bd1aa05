using Responder.Core.Policy;
using Responder.Core.State;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.TestSupport;

namespace Responder.Aws.Tests.Sns;

/// <summary>The one "circuit open" message of a window, when a blast-radius limit is reached.</summary>
[Collection(FauxqsCollection.Name)]
public sealed class SnsCircuitTests(FauxqsFixture fauxqs)
{
    [Fact]
    public async Task Notify_DeleteLimitReachedInABatch_OneHighSeverityCircuitMessageBesideTheAlerts()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"circuit-{Guid.NewGuid():N}");
        var config = TestConfig.From("dry_run = false\n[cluster]\nname = \"prod-eks\"\n[state]\nmax_deletes = 1\nmax_cordons = 5");
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);
        var alerts = new[] { NotifierHarness.Escape(pod: "a-1"), NotifierHarness.Escape(pod: "a-2"), NotifierHarness.Escape(pod: "a-3") };

        var report = await NotifierHarness.RunAsync(config, notifier, new FakeCluster(), Envelopes.CloudWatch(alerts));

        var deletes = report.Alerts().Select(a => a!["actions"]!.AsArray().Single(x => (string?)x!["action"] == "delete-pod")!).ToList();
        Assert.Equal(["succeeded", "skipped", "skipped"], deletes.Select(d => (string?)d["status"]));
        Assert.StartsWith("rate-limited: 1 deletes (delete-pod, evict-pod) per 1h reached on cluster prod-eks; further ones are skipped until ", (string?)deletes[1]["reason"], StringComparison.Ordinal);
        var messages = await fauxqs.Server.ReceiveAsync(queue, 7);
        var circuit = Assert.Single(messages, m => m.Subject().Contains("Circuit open", StringComparison.Ordinal));
        Assert.Equal("[HIGH] Circuit open: deletes limit reached - prod-eks", circuit.Subject());
        Assert.StartsWith("The responder reached its blast-radius limit: 1 deletes (delete-pod, evict-pod) per 1h reached on cluster prod-eks;", circuit.Body(), StringComparison.Ordinal);
        Assert.Contains("2 action(s) of this invocation were skipped \"rate-limited\"", circuit.Body(), StringComparison.Ordinal);
        Assert.Equal(("String", "high"), circuit.Attributes()["severity"]);
        Assert.Equal(("String", "deletes"), circuit.Attributes()["limit"]);
        Assert.Equal(7, notifier.Published);
    }

    [Fact]
    public async Task NotifyCircuitOpen_UnknownTopic_ReportsTheFailureWithoutThrowing()
    {
        var config = TestConfig.Default();
        var notifier = NotifierHarness.Notifier(fauxqs.Server, "arn:aws:sns:us-east-1:000000000000:no-such-topic", config);
        var circuit = new CircuitOpen("cordons", "cordon-node, taint-node", 3, TimeSpan.FromHours(1), "prod-eks", DateTimeOffset.UnixEpoch, 1);

        var result = await notifier.NotifyCircuitOpenAsync(circuit, CancellationToken.None);

        Assert.Equal(ActionStatus.Failed, result.Status);
        Assert.StartsWith("sns-error: NotFound", result.Reason, StringComparison.Ordinal);
    }
}
