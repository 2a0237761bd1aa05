using Responder.Harness;
using Responder.Harness.Servers;

namespace Responder.Lambda.Tests;

/// <summary>The published bootstrap publishing to SNS (fauxqs), as deployed with a topic.</summary>
[Collection(BootstrapCollection.Name)]
public sealed class NotificationTests(PublishedBootstrap bootstrap) : IAsyncLifetime
{
    private Fauxqs _fauxqs = null!;

    public async Task InitializeAsync() => _fauxqs = await Fauxqs.StartAsync();

    public async Task DisposeAsync() => await _fauxqs.DisposeAsync();

    private async Task<LambdaRun> StartAsync(string topic, string handler = "respond") =>
        await LambdaRun.StartAsync(bootstrap, handler, new()
        {
            ["RESPONDER_SNS_TOPIC_ARN"] = topic,
            ["RESPONDER_CLUSTER_NAME"] = "falco-prod",
            ["AWS_ENDPOINT_URL_SNS"] = _fauxqs.Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = "AKIDFAUXQS",
            ["AWS_SECRET_ACCESS_KEY"] = "fauxqs-secret",
        });

    [Fact]
    public async Task Invoke_CriticalAlertInDryRun_PublishesTheAlertAndThePlannedContainment()
    {
        var (topic, queue) = await _fauxqs.TopicWithQueueAsync($"lambda-{Guid.NewGuid():N}");
        await using var run = await StartAsync(topic);

        var reply = await run.InvokeAsync(Envelopes.CloudWatch([Fixtures.Alert("release-agent-escape"), Fixtures.Alert("release-agent-escape")]));

        Assert.False(reply.IsError, reply.Text);
        var messages = await _fauxqs.ReceiveAsync(queue, 2);
        Assert.Equal(2, messages.Count);
        var subjects = messages.Select(m => m["Subject"]!.GetValue<string>()).Order().ToList();
        Assert.StartsWith("[CRITICAL][DRY RUN] 2x Detect relea", subjects[0], StringComparison.Ordinal);
        Assert.Contains(" - batch/report-jo", subjects[0], StringComparison.Ordinal);
        Assert.EndsWith(" - would label, cordon, snapshot, delete", subjects[0], StringComparison.Ordinal);
        Assert.StartsWith("[CRITICAL][DRY RUN] Containment plan", subjects[1], StringComparison.Ordinal);
        Assert.EndsWith(" - would label, cordon, snapshot, delete", subjects[1], StringComparison.Ordinal);
        Assert.All(subjects, s => Assert.True(s.Length < 100));
        var alert = messages.Single(m => m["Subject"]!.GetValue<string>() == subjects[0]);
        Assert.Contains("Cluster:   falco-prod", alert["Message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("falco-prod", alert["MessageAttributes"]!["cluster"]!["Value"]!.GetValue<string>());
        var outcome = await run.LogAsync("action.outcome", reply.RequestId);
        Assert.Equal("notify", outcome["action"]!.GetValue<string>());
        Assert.Equal("succeeded", outcome["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_TopicMissing_ReportsTheNotificationFailureWithoutRetrying()
    {
        await using var run = await StartAsync("arn:aws:sns:us-east-1:000000000000:no-such-topic");

        var reply = await run.InvokeAsync(Fixtures.Alert("terminal-shell"));

        Assert.False(reply.IsError, reply.Text);
        var notify = reply.Json["alerts"]![0]!["actions"]!.AsArray().Single(a => a!["action"]!.GetValue<string>() == "notify")!;
        Assert.Equal("failed", notify["status"]!.GetValue<string>());
        Assert.StartsWith("sns-error: NotFound", notify["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
