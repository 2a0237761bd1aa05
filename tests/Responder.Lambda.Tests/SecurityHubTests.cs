using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.Harness.Servers;

namespace Responder.Lambda.Tests;

/// <summary>The published bootstrap as deployed with SecurityHubFindings=true and NotificationFormat=chat.</summary>
[Collection(BootstrapCollection.Name)]
public sealed class SecurityHubTests(PublishedBootstrap bootstrap) : IAsyncLifetime
{
    private const string Product = "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default";
    private Fauxqs _fauxqs = null!;
    private FakeSecurityHub _hub = null!;

    public async Task InitializeAsync()
    {
        _fauxqs = await Fauxqs.StartAsync();
        _hub = await FakeSecurityHub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _fauxqs.DisposeAsync();
    }

    private async Task<LambdaRun> StartAsync(string topic) =>
        await LambdaRun.StartAsync(bootstrap, "respond", new()
        {
            ["RESPONDER_SNS_TOPIC_ARN"] = topic,
            ["RESPONDER_CLUSTER_NAME"] = "falco-prod",
            ["RESPONDER_NOTIFICATION_FORMAT"] = "chat",
            ["RESPONDER_SECURITYHUB"] = "true",
            ["RESPONDER_SECURITYHUB_PRODUCT_ARN"] = Product,
            ["AWS_ENDPOINT_URL_SNS"] = _fauxqs.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_SECURITYHUB"] = _hub.Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = "AKIDFAUXQS",
            ["AWS_SECRET_ACCESS_KEY"] = "fauxqs-secret",
        });

    [Fact]
    public async Task Invoke_CriticalAlert_RecordsItsFindingAndSendsChatCards()
    {
        var (topic, queue) = await _fauxqs.TopicWithQueueAsync($"lambda-chat-{Guid.NewGuid():N}");
        await using var run = await StartAsync(topic);

        var reply = await run.InvokeAsync(Fixtures.Alert("release-agent-escape"));

        Assert.False(reply.IsError, reply.Text);
        var actions = reply.Json["alerts"]![0]!["actions"]!.AsArray();
        Assert.Equal(["notify:succeeded", "record-finding:succeeded"], actions.Skip(4).Select(a => $"{a!["action"]}:{a["status"]}"));
        var finding = _hub.Findings[actions[5]!["target"]!.GetValue<string>()];
        Assert.Equal(($"arn:aws:eks:eu-west-1:123456789012:cluster/falco-prod", "true"),
            (finding["Resources"]![2]!["Id"]!.GetValue<string>(), finding["ProductFields"]!["falco-responder/dry-run"]!.GetValue<string>()));
        var messages = await _fauxqs.ReceiveAsync(queue, 2);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(("1.0", "custom"),
            (JsonNode.Parse(m["Message"]!.GetValue<string>())!["version"]!.GetValue<string>(), JsonNode.Parse(m["Message"]!.GetValue<string>())!["source"]!.GetValue<string>())));
        var logged = await run.LogAsync("action.outcome", reply.RequestId, line => line["action"]?.GetValue<string>() == "record-finding");
        Assert.Equal("succeeded", logged["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_SecurityHubUnavailable_FailsTheInvocationSoLambdaRetries_AfterNotifying()
    {
        var (topic, queue) = await _fauxqs.TopicWithQueueAsync($"lambda-chat-{Guid.NewGuid():N}");
        _hub.FailNext([.. Enumerable.Repeat((503, "ServiceUnavailable", "try later"), 3)]);
        await using var run = await StartAsync(topic);

        var reply = await run.InvokeAsync(Envelopes.CloudWatch([Fixtures.Alert("terminal-shell")]));

        Assert.True(reply.IsError, reply.Text);
        Assert.Equal("Responder.RetryableFailure", reply.ErrorTypeHeader);
        Assert.Contains("record-finding", reply.Text, StringComparison.Ordinal);
        Assert.Single(await _fauxqs.ReceiveAsync(queue, 1));
    }
}
