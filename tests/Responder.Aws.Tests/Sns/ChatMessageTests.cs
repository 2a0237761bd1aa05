using System.Text.Json.Nodes;
using Responder.Aws.Sns;
using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.State;
using Responder.Harness;
using Responder.Harness.Fakes;

namespace Responder.Aws.Tests.Sns;

/// <summary>Chat messages (Amazon Q Developer's custom notifications): the format, threads, inert alert text, and what stays as in text.</summary>
public sealed class ChatMessageTests
{
    private const string Isolating = """
        dry_run = false
        [cluster]
        name = "prod-eks"
        [[policy.rules]]
        name = "isolate-critical"
        [policy.rules.match]
        min_severity = "critical"
        require_pod = true
        [[policy.rules.actions]]
        action = "label-pod"
        [[policy.rules.actions]]
        action = "isolate-pod"
        [[policy.rules.actions]]
        action = "cordon-node"
        [[policy.rules.actions]]
        action = "notify"
        [[policy.rules]]
        name = "notify"
        [policy.rules.match]
        priority = ">= Debug"
        [[policy.rules.actions]]
        action = "notify"
        """;

    private static NotificationContext Chat(DecidedAlerts decided, int? maxMessages = null) =>
        decided.Context(maxMessages: maxMessages) with { Format = NotificationFormat.Chat };

    private static JsonObject Json(SnsMessage message) => JsonNode.Parse(message.Message)!.AsObject();

    public static TheoryData<string> Outcomes() => ["contained", "failed", "dry-run"];

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Plan_EveryFixtureAlert_EveryMessageHoldsToTheFormatAndItsLimits(string outcome)
    {
        var config = TestConfig.From(Isolating) with { DryRun = outcome == "dry-run" };
        var cluster = new FakeCluster(a => outcome == "failed" && a.Kind == ActionKind.CordonNode
            ? new PortResult(ActionStatus.Failed, "forbidden: nodes \"x\" is forbidden: User cannot patch resource \"nodes\"")
            : new PortResult(ActionStatus.Succeeded, null));
        using var decided = await DecidedAlerts.OfAsync(Envelopes.CloudWatch(Fixtures.AlertNames.Select(Fixtures.Alert)), config, cluster);

        var messages = MessagePlan.For(decided.Groups, Chat(decided, maxMessages: 4)).Select(m => m.Message)
            .Append(MessagePlan.CircuitMessage(new CircuitOpen("deletes", "delete-pod, evict-pod", 20, TimeSpan.FromHours(1), "prod-eks", DateTimeOffset.UnixEpoch, 3), Chat(decided)))
            .ToList();

        Assert.Contains(messages, m => m.Subject.Contains("] Containment ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Subject.Contains("storm digest", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Empty(ChatSchema.Problems(m.Message)));
        Assert.All(messages, m => Assert.EndsWith(m.Subject[(m.Subject.LastIndexOf(']') + 1)..], Json(m)["metadata"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Matches("^(CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL)( DRY RUN)?: ", Json(m)["metadata"]!["summary"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Alert_MarkdownInAlertText_IsShownAsWrittenNeverAsMarkup()
    {
        var alert = Fixtures.AlertNode("terminal-shell");
        alert["rule"] = "*[click here](https://evil.example)* <!channel> @here";
        alert["output"] = "12:00:00.000000000: Notice `rm -rf` _x_ ~y~ # head > quote & <https://evil.example|ok> ![img](https://evil.example/p.png)\n*Actions:* none";
        alert["output_fields"]!["user.name"] = "root\\*";
        alert["output_fields"]!["proc.cmdline"] = "sh -c _emphasis_here_";
        using var decided = await DecidedAlerts.OfAsync(alert.ToJsonString(), TestConfig.From(Isolating));

        var message = Json(MessagePlan.For(decided.Groups, Chat(decided))[0].Message);

        var shown = string.Join("\n", message["content"]!["title"]!.GetValue<string>(), message["content"]!["description"]!.GetValue<string>(),
            string.Join("\n", message["content"]!["keywords"]!.AsArray().Select(k => k!.GetValue<string>())));
        foreach (var forged in new[] { "[click here](", "<!channel>", "@here", "`rm -rf`", "_x_", "~y~", "<https://", "![img]", "\n*Actions:* none", "root\\*", "_emphasis_here_" })
        {
            Assert.DoesNotContain(forged, shown, StringComparison.Ordinal);
        }

        Assert.Contains("\u2217\uFF3Bclick here\uFF3D(https://evil.example)\u2217", shown, StringComparison.Ordinal);
        Assert.Empty(ChatSchema.Problems(message.ToJsonString()));
    }

    [Fact]
    public async Task Alert_AndItsContainment_ShareTheGroupsThread_AsDoesTheSameGroupInALaterInvocation()
    {
        var config = TestConfig.From(Isolating);
        using var first = await DecidedAlerts.OfAsync(NotifierHarness.Escape(), config, new FakeCluster());
        using var later = await DecidedAlerts.OfAsync(NotifierHarness.Escape(second: 50), config, new FakeCluster());
        using var otherPod = await DecidedAlerts.OfAsync(NotifierHarness.Escape(pod: "other-pod"), config, new FakeCluster());

        static string Thread(SnsMessage message) => Json(message)["metadata"]!["threadId"]!.GetValue<string>();
        var messages = MessagePlan.For(first.Groups, Chat(first)).Select(m => m.Message).ToList();

        Assert.Equal(2, messages.Count);
        Assert.Equal(Thread(messages[0]), Thread(messages[1]));
        Assert.Equal(Thread(messages[0]), Thread(MessagePlan.For(later.Groups, Chat(later))[0].Message));
        Assert.NotEqual(Thread(messages[0]), Thread(MessagePlan.For(otherPod.Groups, Chat(otherPod))[0].Message));
        Assert.Equal(["falco-alert", "falco-containment"], messages.Select(m => Json(m)["metadata"]!["eventType"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Containment_IsolatedAndCordoned_NextStepIsTheReleaseCommand()
    {
        using var decided = await DecidedAlerts.OfAsync(NotifierHarness.Escape(), TestConfig.From(Isolating), new FakeCluster());

        var containment = Json(MessagePlan.For(decided.Groups, Chat(decided))[1].Message);

        var steps = containment["content"]!["nextSteps"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Contains("When the pod is cleared, undo the containment: `responder release --pod batch/report-job-28551234-kq8zt --node ip-10-0-2-41.eu-west-1.compute.internal`", steps);
        Assert.StartsWith(":white_check_mark: Containment done: batch/report-job-28551234-kq8zt", containment["content"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Detect release_agent File Container Escapes", "Critical", "batch"], containment["content"]!["keywords"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public async Task Alert_HugeOutput_FitsTheLimitsAndSaysSoInsteadOfBeingCutByTheChat()
    {
        var alert = Fixtures.AlertNode("terminal-shell");
        alert["output"] = "12:00:00.000000000: Notice " + string.Concat(Enumerable.Repeat("\u00e9\U0001F600x", 60_000));
        alert["rule"] = new string('r', 2_000);
        using var decided = await DecidedAlerts.OfAsync(alert.ToJsonString(), TestConfig.From(Isolating));

        var message = MessagePlan.For(decided.Groups, Chat(decided))[0].Message;

        Assert.Empty(ChatSchema.Problems(message.Message));
        Assert.Contains("\u2026", Json(message)["content"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ChatFormat_SubjectsAttributesAndFifoIdsAreTheTextFormats()
    {
        using var decided = await DecidedAlerts.OfAsync(Envelopes.CloudWatch([NotifierHarness.Escape(), Fixtures.Alert("terminal-shell"), Fixtures.Alert("read-sensitive-file")]),
            TestConfig.From(Isolating), new FakeCluster());
        var fifo = decided.Context(maxMessages: 1) with { TopicArn = DecidedAlerts.TopicArn + ".fifo" };

        var text = MessagePlan.For(decided.Groups, fifo).Select(m => m.Message).ToList();
        var chat = MessagePlan.For(decided.Groups, fifo with { Format = NotificationFormat.Chat }).Select(m => m.Message).ToList();

        Assert.Equal(text.Select(m => (m.Subject, m.GroupId, m.DeduplicationId)), chat.Select(m => (m.Subject, m.GroupId, m.DeduplicationId)));
        Assert.All(text.Zip(chat), pair => Assert.Equal(pair.First.Attributes, pair.Second.Attributes));
        Assert.All(text.Zip(chat), pair => Assert.NotEqual(pair.First.Message, pair.Second.Message));
    }
}
