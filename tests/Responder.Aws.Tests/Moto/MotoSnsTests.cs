using Responder.Aws.Http;
using Responder.Aws.Sns;
using Responder.Aws.Tests.Sns;
using Responder.Core.Ranking;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.Moto;

/// <summary>SNS Publish against moto, which checks attribute types, String.Array values and FIFO ids as SNS does.</summary>
[Collection(MotoCollection.Name)]
public sealed class MotoSnsTests(MotoFixture moto)
{
    private static readonly string[] EveryAttribute = ["actions", "cluster", "drill", "dryRun", "namespace", "node", "pod", "priority", "rule", "severity"];

    private SnsClient Client(HttpMessageHandler? transport = null) =>
        new(AwsHttp.Create(MotoServer.Credentials, "us-east-1", "sns", transport, retryDelay: TimeSpan.FromMilliseconds(5)), moto.Server.Endpoint);

    [Fact]
    public async Task Publish_AlertMessageWithEveryAttribute_ArrivesWithEachTypeAndValueAsSent()
    {
        var (topic, queue) = await moto.Server.Topics.TopicWithQueueAsync($"every-{Guid.NewGuid():N}");
        using var decided = await DecidedAlerts.OfAsync(NotifierHarness.Escape());
        var message = MessagePlan.For(decided.Groups, decided.Context() with { TopicArn = topic })[0].Message;

        var id = await Client().PublishAsync(message, CancellationToken.None);

        Assert.Equal(EveryAttribute, message.Attributes.Select(a => a.Name).Order(StringComparer.Ordinal));
        var received = Assert.Single(await moto.Server.Topics.ReceiveAsync(queue, 1));
        Assert.Equal(id, received["MessageId"]!.GetValue<string>());
        Assert.Equal(message.Subject, received.Subject());
        Assert.Equal(message.Message, received.Body());
        Assert.Equal(
            message.Attributes.ToDictionary(a => a.Name, a => (a.DataType, a.Value), StringComparer.Ordinal),
            received.Attributes());
        Assert.Equal("String.Array", received.Attributes()["actions"].Type);
    }

    [Fact]
    public async Task Notify_FifoTopicThroughThePipeline_EveryMessageIsAcceptedWithItsGroupAndDeduplicationId()
    {
        var (topic, queue) = await moto.Server.Topics.TopicWithQueueAsync($"fifo-{Guid.NewGuid():N}", fifo: true);
        var config = TestConfig.From("[notifications]\nmax_messages = 2");
        var notifier = new SnsNotifier(Client(), new NotificationContext(topic, NotifierHarness.Cluster, config.Notifications.MaxMessages));
        string[] alerts = [NotifierHarness.Escape(), NotifierHarness.Escape(pod: "other-pod"), Fixtures.Alert("terminal-shell")];

        var report = await NotifierHarness.RunAsync(config, notifier, null, Envelopes.CloudWatch(alerts));

        Assert.Equal(["succeeded", "succeeded", "succeeded"], report.NotifyOutcomes());
        var messages = await moto.Server.Topics.ReceiveAsync(queue, 5);
        Assert.Equal(5, messages.Count);
        Assert.Single(messages, m => m.IsDigest());
    }

    [Fact]
    public async Task Notify_ChatFormatThroughThePipeline_ArrivesAsChatCardsWithTheSubjectsAndAttributesOfText()
    {
        var (topic, queue) = await moto.Server.Topics.TopicWithQueueAsync($"chat-{Guid.NewGuid():N}");
        var config = TestConfig.From("dry_run = false\n[notifications]\nformat = \"chat\"");
        var notifier = new SnsNotifier(Client(), new NotificationContext(topic, NotifierHarness.Cluster, config.Notifications.MaxMessages)
        {
            Format = config.Notifications.Format,
        });

        var report = await NotifierHarness.RunAsync(config, notifier, new FakeCluster(), NotifierHarness.Escape());

        Assert.Equal(["succeeded"], report.NotifyOutcomes());
        var messages = await moto.Server.Topics.ReceiveAsync(queue, 2);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Empty(ChatSchema.Problems(m.Body())));
        Assert.Single(messages, m => m.IsContainment());
        Assert.All(messages, m => Assert.Equal(EveryAttribute, m.Attributes().Keys.Order(StringComparer.Ordinal)));
        Assert.Single(messages.Select(m => System.Text.Json.Nodes.JsonNode.Parse(m.Body())!["metadata"]!["threadId"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task Publish_UnknownTopic_FailsAtOnceWithNotFound()
    {
        var faults = new FaultingHandler();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Client(faults).PublishAsync(new SnsMessage($"arn:aws:sns:us-east-1:{MotoServer.Account}:no-such-topic", "s", "m"), CancellationToken.None));

        Assert.Equal(("NotFound", false), (error.Code, error.Retryable));
        Assert.Equal(1, faults.Attempts);
    }
}
