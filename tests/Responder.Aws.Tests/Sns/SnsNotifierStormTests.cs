using System.Globalization;
using System.Text.RegularExpressions;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Aws.Tests.Sns;

/// <summary>A storm of alerts costs a bounded number of publishes: max_messages groups one by one, the rest in one digest.</summary>
[Collection(FauxqsCollection.Name)]
public sealed partial class SnsNotifierStormTests(FauxqsFixture fauxqs)
{
    [GeneratedRegex(@"^- CRITICAL x10 Detect release_agent File Container Escapes - batch/(storm-\d{3}) - would label, cordon, snapshot, delete$", RegexOptions.Multiline)]
    private static partial Regex DigestLine();

    private static string Pod(int i) => string.Create(CultureInfo.InvariantCulture, $"storm-{i:000}");

    [Fact]
    public async Task Notify_5000AlertsOver500PodsWithMaxMessages10_TenAlertAndTenContainmentMessagesPlusOneDigest()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"storm-{Guid.NewGuid():N}");
        var config = TestConfig.From("[notifications]\nmax_messages = 10");
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);
        var alerts = Enumerable.Range(0, 5_000).Select(i => NotifierHarness.Escape(pod: Pod(i % 500), second: i / 500));

        var report = await NotifierHarness.RunAsync(config, notifier, null, Envelopes.CloudWatch(alerts));

        // Each pod's ten alerts are one alert and nine duplicates folded into it: the messages still count ten.
        Assert.Equal(500, report.Alerts().Count);
        Assert.Equal(4_500, report.RejectedCodes().Count(c => c == "duplicate"));
        Assert.All(report.NotifyOutcomes(), outcome => Assert.Equal("succeeded", outcome));
        Assert.Equal(21, notifier.Published);
        var messages = await fauxqs.Server.ReceiveAsync(queue, 21);
        Assert.Equal(21, messages.Count);
        var digest = Assert.Single(messages, m => m.IsDigest());
        var containments = messages.Where(m => m.IsContainment()).ToList();
        var alertMessages = messages.Where(m => !m.IsDigest() && !m.IsContainment()).ToList();
        Assert.Equal(10, alertMessages.Count);
        Assert.Equal(10, containments.Count);

        // The first ten groups (all equally severe) get their own messages; the digest covers the other 490, each once.
        var sent = alertMessages.Select(m => m.Attributes()["pod"].Value).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 10).Select(Pod).ToHashSet(), sent);
        Assert.Equal(sent, containments.Select(m => m.Attributes()["pod"].Value).ToHashSet());
        Assert.All(alertMessages, m => Assert.Matches(@"^\[CRITICAL\]\[DRY RUN\] 10x Detect release.+ - batch/storm-00\d - would label, cordon, snapshot, delete$", m.Subject()));
        Assert.Equal("[CRITICAL][DRY RUN] Falco storm digest: 4900 more alerts in 490 groups", digest.Subject());
        Assert.StartsWith("4,900 more alerts in 490 groups (same rule, namespace and pod) were not sent one by one: this invocation had already sent 10 messages.\n", digest.Body(), StringComparison.Ordinal);
        var listed = DigestLine().Matches(digest.Body()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(490, listed.Count);
        Assert.Equal(Enumerable.Range(10, 490).Select(Pod).ToHashSet(), listed.ToHashSet());
        Assert.Equal(
            new Dictionary<string, string> { ["severity"] = "critical", ["rule"] = "digest", ["cluster"] = NotifierHarness.Cluster, ["dryRun"] = "true", ["drill"] = "false" },
            digest.Attributes().ToDictionary(a => a.Key, a => a.Value.Value));
    }

    [Fact]
    public async Task Notify_CriticalGroupAfterManyLowGroups_IsSentOnItsOwnAndTheLowGroupsGoToTheDigest()
    {
        var (topic, queue) = await fauxqs.Server.TopicWithQueueAsync($"storm-{Guid.NewGuid():N}");
        var config = TestConfig.From("[notifications]\nmax_messages = 1");
        var notifier = NotifierHarness.Notifier(fauxqs.Server, topic, config);
        var shells = Enumerable.Range(0, 30).Select(i =>
        {
            var alert = Fixtures.AlertNode("terminal-shell");
            alert["output_fields"]!["k8s.pod.name"] = Pod(i % 3);
            return alert.ToJsonString();
        });

        var report = await NotifierHarness.RunAsync(config, notifier, null, Envelopes.CloudWatch([.. shells, NotifierHarness.Escape()]));

        Assert.All(report.NotifyOutcomes(), outcome => Assert.Equal("succeeded", outcome));
        Assert.Equal(3, notifier.Published);
        var messages = await fauxqs.Server.ReceiveAsync(queue, 3);
        Assert.Equal(3, messages.Count);
        Assert.Equal("critical", Assert.Single(messages, m => !m.IsDigest() && !m.IsContainment()).Attributes()["severity"].Value);
        Assert.Single(messages, m => m.IsContainment());
        var digest = Assert.Single(messages, m => m.IsDigest());
        Assert.Equal("[LOW][DRY RUN] Falco storm digest: 30 more alerts in 3 groups", digest.Subject());
        Assert.Contains("- LOW x10 Terminal shell in container - payments/storm-000\n", digest.Body(), StringComparison.Ordinal);
        Assert.Contains("- LOW x10 Terminal shell in container - payments/storm-002\n", digest.Body(), StringComparison.Ordinal);
    }
}
