using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Responder.Aws.Http;
using Responder.Aws.Sns;
using Responder.Harness;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.Sns;

[Collection(FauxqsCollection.Name)]
public sealed class SnsClientTests(FauxqsFixture fauxqs)
{
    private SnsClient Client(HttpMessageHandler? transport = null) =>
        new(AwsHttp.Create(Fauxqs.Credentials, "us-east-1", "sns", transport, retryDelay: TimeSpan.FromMilliseconds(5)), fauxqs.Server.Endpoint);

    [Fact]
    public async Task Publish_ToATopic_ArrivesWithSubjectBodyAndAttributes()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"publish-{Guid.NewGuid():N}");
        var message = new SnsMessage(topic, "[CRITICAL] Terminal shell in container - payments/api - deleted", "body text\nline two")
        {
            Attributes = [SnsAttribute.OfString("severity", "critical"), SnsAttribute.OfStringArray("actions", ["delete-pod", "cordon-node"])],
        };

        var id = await Client().PublishAsync(message, CancellationToken.None);

        var received = Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 1));
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(id, received["MessageId"]!.GetValue<string>());
        Assert.Equal(message.Subject, received["Subject"]!.GetValue<string>());
        Assert.Equal("body text\nline two", received["Message"]!.GetValue<string>());
        Assert.Equal("critical", received["MessageAttributes"]!["severity"]!["Value"]!.GetValue<string>());
        Assert.Equal("String.Array", received["MessageAttributes"]!["actions"]!["Type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publish_PlannedAlertForARuleStartingWithABracket_SendsTheRuleAsStringAndOnlyTheActionsAsAJsonStringArray()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"types-{Guid.NewGuid():N}");
        var alert = Fixtures.AlertNode("release-agent-escape");
        alert["rule"] = "[PCI] Terminal shell in container";
        using var decided = await DecidedAlerts.OfAsync(alert.ToJsonString());
        var message = MessagePlan.For(decided.Groups, decided.Context() with { TopicArn = topic })[0].Message;
        var transport = new FaultingHandler();

        await Client(transport).PublishAsync(message, CancellationToken.None);

        var sent = FormAttributes(FaultingHandler.Form(Assert.Single(transport.Bodies)));
        Assert.Equal(("String", "[PCI] Terminal shell in container"), sent["rule"]);
        Assert.All(sent.Where(a => a.Key != "actions"), a => Assert.Equal("String", a.Value.Type));
        Assert.Equal("String.Array", sent["actions"].Type);
        Assert.Equal(["label-pod", "cordon-node", "snapshot-node", "delete-pod"], JsonNode.Parse(sent["actions"].Value)!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 1));
    }

    [Fact]
    public async Task Publish_UnknownTopic_FailsAtOnceWithNotFound()
    {
        var faults = new FaultingHandler();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Client(faults).PublishAsync(new SnsMessage("arn:aws:sns:us-east-1:000000000000:no-such-topic", "s", "m"), CancellationToken.None));

        Assert.Equal("NotFound", error.Code);
        Assert.False(error.Retryable);
        Assert.Equal(1, faults.Attempts);
        Assert.Equal("SNS: NotFound: Topic does not exist", error.Message);
    }

    [Fact]
    public async Task Publish_ThrottledThenUnavailable_IsRetriedAndSucceeds()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"retry-{Guid.NewGuid():N}");
        var faults = new FaultingHandler(
            FaultingHandler.Status(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded"),
            FaultingHandler.Status(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable"));

        await Client(faults).PublishAsync(new SnsMessage(topic, "subject", "after two faults"), CancellationToken.None);

        Assert.Equal(3, faults.Attempts);
        Assert.All(faults.Requests, r =>
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDFAUXQS/", r.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal));
        Assert.Equal("after two faults", Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 1))["Message"]!.GetValue<string>());
    }

    /// <summary>The message attributes of a Publish form as name → (data type, value).</summary>
    private static Dictionary<string, (string Type, string Value)> FormAttributes(Dictionary<string, string> form)
    {
        var attributes = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (var i = 1; form.TryGetValue(Entry(i, "Name"), out var name); i++)
        {
            attributes.Add(name, (form[Entry(i, "Value.DataType")], form[Entry(i, "Value.StringValue")]));
        }

        return attributes;
    }

    private static string Entry(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"MessageAttributes.entry.{index}.{field}");
}
