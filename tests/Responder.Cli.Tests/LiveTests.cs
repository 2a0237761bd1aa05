using Responder.Harness;
using Responder.Harness.Servers;
using Responder.TestSupport;

namespace Responder.Cli.Tests;

/// <summary><c>respond --live</c> against fauxqs: notifications go out, dry run still holds cluster actions back.</summary>
public sealed class LiveTests : IAsyncLifetime
{
    private Fauxqs _fauxqs = null!;

    public async Task InitializeAsync()
    {
        // The AWS default credential chain reads the process environment.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFAUXQS");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "fauxqs-secret");
        _fauxqs = await Fauxqs.StartAsync();
    }

    public async Task DisposeAsync() => await _fauxqs.DisposeAsync();

    [Fact]
    public async Task Respond_Live_SendsTheNotificationsAndKeepsTheDryRun()
    {
        var (topic, queue) = await _fauxqs.TopicWithQueueAsync($"cli-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string>
        {
            ["RESPONDER_SNS_TOPIC_ARN"] = topic,
            ["AWS_ENDPOINT_URL_SNS"] = _fauxqs.Endpoint.AbsoluteUri,
        };

        var run = await CliRun.InvokeAsync(["respond", "--live", "--format", "json"], Fixtures.Alert("release-agent-escape"), environment);

        Assert.Equal(0, run.ExitCode);
        var actions = run.Json.Alerts()[0]!["actions"]!.AsArray().Select(a => $"{a!["action"]}:{a["status"]}");
        Assert.Equal(["label-pod:planned", "cordon-node:planned", "snapshot-node:planned", "delete-pod:planned", "notify:succeeded"], actions);
        var messages = await _fauxqs.ReceiveAsync(queue, 2);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.StartsWith("[CRITICAL][DRY RUN] ", m["Subject"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Respond_LiveWithoutTopicOrCluster_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync(["respond", "--live"], Fixtures.Alert("terminal-shell"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --live needs somewhere to act: set aws.sns_topic_arn (RESPONDER_SNS_TOPIC_ARN), cluster.name (RESPONDER_CLUSTER_NAME) or securityhub.enabled (RESPONDER_SECURITYHUB)", run.Error.Trim());
    }
}
