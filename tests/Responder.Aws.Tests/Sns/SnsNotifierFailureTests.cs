using System.Net;
using Responder.Aws.Http;
using Responder.Aws.Sns;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.TestSupport;

namespace Responder.Aws.Tests.Sns;

/// <summary>What the notifier reports when SNS refuses, throttles or fails: per alert, through the pipeline's report.</summary>
[Collection(FauxqsCollection.Name)]
public sealed class SnsNotifierFailureTests(FauxqsFixture fauxqs)
{
    [Fact]
    public async Task Notify_UnknownTopic_EveryAlertsNotifyFailsWithNotFoundAndNothingIsRetried()
    {
        var config = TestConfig.From("[notifications]\nmax_messages = 1");
        var faults = new FaultingHandler();
        var notifier = NotifierHarness.Notifier(fauxqs.Server, $"arn:aws:sns:us-east-1:000000000000:no-such-topic-{Guid.NewGuid():N}", config, faults);
        string[] alerts = [NotifierHarness.Escape(), Fixtures.Alert("terminal-shell"), Fixtures.Alert("terminal-shell"), Fixtures.Alert("read-sensitive-file")];

        var report = await NotifierHarness.RunAsync(config, notifier, null, Envelopes.CloudWatch(alerts));

        // The escape's alert and containment messages, and the digest of the other two groups: one attempt each.
        // The second terminal shell is a duplicate of the first: rejected, and counted in its message.
        Assert.Equal(Enumerable.Repeat("failed: sns-error: NotFound: Topic does not exist", 3), report.NotifyOutcomes());
        Assert.Equal(0, notifier.Published);
        Assert.Equal(3, faults.Attempts);
        Assert.Equal(["label-pod:planned", "cordon-node:planned", "snapshot-node:planned", "delete-pod:planned", "notify:failed"],
            report.Alerts()[0]!["actions"]!.AsArray().Select(a => $"{a!["action"]}:{a["status"]}"));
    }

    [Fact]
    public async Task Notify_ThrottledThenUnavailable_IsRetriedAndSucceeds()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"failure-{Guid.NewGuid():N}");
        var config = TestConfig.Default();
        var faults = new FaultingHandler(
            FaultingHandler.Status(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded"),
            FaultingHandler.Bare(HttpStatusCode.ServiceUnavailable));
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config, faults);

        var report = await NotifierHarness.RunAsync(config, notifier, null, Fixtures.Alert("terminal-shell"));

        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        Assert.Equal(3, faults.Attempts);
        Assert.Equal(1, notifier.Published);
        Assert.StartsWith("[LOW][DRY RUN] Terminal shell in container", Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 1)).Subject(), StringComparison.Ordinal);
    }

    [Theory]
    // status                                       code                  message                                   retryable attempts
    [InlineData(HttpStatusCode.InternalServerError, "InternalFailure",    "The request processing has failed",      true,  3)]
    [InlineData(HttpStatusCode.Forbidden,           "AuthorizationError", "not authorized to perform: SNS:Publish", false, 1)]
    public async Task Notify_RefusedEveryTime_FailsWithTheCauseAfterTheAttemptsItMayRetry(
        HttpStatusCode status, string code, string message, bool retryable, int attempts)
    {
        var (topic, _) = await fauxqs.Server.TopicWithQueueAsync($"failure-{Guid.NewGuid():N}");
        var faults = new FaultingHandler(FaultingHandler.Times(10, FaultingHandler.Status(status, code, message)));
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert("terminal-shell"));
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, decided.Config, faults);

        var result = Assert.Single(await notifier.NotifyAsync(decided.Alerts, CancellationToken.None));

        Assert.Equal(ActionStatus.Failed, result.Status);
        Assert.Equal($"sns-error: {code}: {message}", result.Reason);
        Assert.Equal(retryable, result.Retryable);
        Assert.Equal(attempts, faults.Attempts);
        Assert.Equal(0, notifier.Published);
    }

    [Fact]
    public async Task Notify_ContainmentMessageRefused_FailsThatGroupsAlertsOnly()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"failure-{Guid.NewGuid():N}");
        var config = TestConfig.From("dry_run = false");
        var refuseContainment = FaultingHandler.When(
            form => form["Subject"].Contains("] Containment ", StringComparison.Ordinal),
            FaultingHandler.Status(HttpStatusCode.BadRequest, "InvalidParameter", "Invalid parameter: Subject"));
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config, new FaultingHandler(FaultingHandler.Times(10, refuseContainment)));

        var report = await NotifierHarness.RunAsync(config, notifier, new FakeCluster(), Envelopes.CloudWatch([NotifierHarness.Escape(), NotifierHarness.Escape(second: 20), Fixtures.Alert("terminal-shell")]));

        Assert.Equal(
            ["failed: sns-error: InvalidParameter: Invalid parameter: Subject", "succeeded"],
            report.NotifyOutcomes());
        Assert.Equal(["duplicate"], report.RejectedCodes());
        Assert.Equal(2, notifier.Published);
        var messages = await fauxqs.Server.ReceiveAsync(queue, 2);
        Assert.Equal(2, messages.Count);
        Assert.DoesNotContain(messages, m => m.IsContainment());
    }

    [Fact]
    public async Task Notify_GiantAlert_BodyIsTrimmedUnderTheLimitAndSnsAcceptsIt()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"failure-{Guid.NewGuid():N}");
        var config = TestConfig.From("[limits]\nmax_message_bytes = 1048576");
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);
        var alert = Fixtures.AlertNode("release-agent-escape");
        alert["output_fields"]!["proc.cmdline"] = "sh -c " + new string('\u00e9', 200_000);

        var report = await NotifierHarness.RunAsync(config, notifier, null, alert.ToJsonString());

        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        var message = Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 2), m => !m.IsContainment());
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(message.Body()), 249_000, new NotificationContext(topic, NotifierHarness.Cluster, 10).MaxBodyBytes);
        Assert.EndsWith(" more bytes ...]", message.Body(), StringComparison.Ordinal);
    }
}
