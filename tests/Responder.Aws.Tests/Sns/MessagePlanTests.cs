using System.Globalization;
using Responder.Aws.Sns;
using Responder.Harness;

namespace Responder.Aws.Tests.Sns;

public sealed class MessagePlanTests
{
    private static string Escape(string pod, string rule = NotifierHarness.EscapeRule)
    {
        var alert = Fixtures.AlertNode("release-agent-escape");
        alert["output_fields"]!["k8s.pod.name"] = pod;
        alert["rule"] = rule;
        return alert.ToJsonString();
    }

    private static string Pod(int i) => string.Create(CultureInfo.InvariantCulture, $"pod-{i:000}");

    // SNS takes XML's characters in a String attribute; on top of that, nothing that breaks a line or controls a terminal.
    private static void AssertSnsText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            var c = value[i];
            Assert.False(
                char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF',
                string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4} at {i} in {value}"));
        }
    }

    [Fact]
    public async Task For_300CharacterRuleAnd253CharacterPod_SubjectsUnder100AsciiAndAttributesAtMost256()
    {
        var pod = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61));
        var rule = "R\u00e8gle " + new string('x', 294);
        using var decided = await DecidedAlerts.OfAsync(Escape(pod, rule));

        var plan = MessagePlan.For(decided.Groups, decided.Context());

        Assert.Equal(2, plan.Count);
        Assert.All(plan, entry =>
        {
            Assert.InRange(entry.Message.Subject.Length, 1, 99);
            Assert.All(entry.Message.Subject, c => Assert.InRange(c, ' ', '~'));
            Assert.StartsWith("[CRITICAL][DRY RUN] ", entry.Message.Subject, StringComparison.Ordinal);
            Assert.EndsWith(" - would label, cordon, snapshot, delete", entry.Message.Subject, StringComparison.Ordinal);
            Assert.All(entry.Message.Attributes, a => Assert.InRange(a.Value.Length, 1, 256));
        });
        var attributes = plan[0].Message.Attributes.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        Assert.Equal(rule[..256], attributes["rule"]);
        Assert.Equal(pod, attributes["pod"]);
    }

    [Fact]
    public async Task For_AlertTextWithControlCharactersAndLineBreaks_AttributesCarryThemAsVisibleEscapes()
    {
        var alert = Fixtures.AlertNode("release-agent-escape");
        alert["rule"] = "Shell\r\nin\u0000 container\u2028\u0085\u001b[31m\uFFFF\u202E";
        alert["priority"] = "Crit\nical";
        using var decided = await DecidedAlerts.OfAsync(alert.ToJsonString());

        var plan = MessagePlan.For(decided.Groups, decided.Context(cluster: "prod\teks"));

        Assert.All(plan, entry => Assert.All(entry.Message.Attributes, a => AssertSnsText(a.Value)));
        var attributes = plan[0].Message.Attributes.ToDictionary(a => a.Name, StringComparer.Ordinal);
        Assert.Equal(new SnsAttribute("rule", "String", @"Shell\r\nin\u0000 container\u2028\u0085\u001b[31m\uffff\u202e"), attributes["rule"]);
        Assert.Equal(@"Crit\nical", attributes["priority"].Value);
        Assert.Equal(@"prod\teks", attributes["cluster"].Value);
    }

    [Fact]
    public async Task For_RuleLongerThanTheLimitWithACharacterPairAtTheCut_KeepsWholeCharacters()
    {
        using var decided = await DecidedAlerts.OfAsync(Escape("report-job-28551234-kq8zt", new string('x', 255) + "\U0001F41A tail"));

        var plan = MessagePlan.For(decided.Groups, decided.Context());

        Assert.All(plan, entry => Assert.Equal(new string('x', 255), entry.Message.Attributes.Single(a => a.Name == "rule").Value));
    }

    [Fact]
    public async Task For_BlankPriority_LeavesThePriorityAttributeOutRatherThanBlank()
    {
        var alert = Fixtures.AlertNode("release-agent-escape");
        alert["priority"] = "   ";
        using var decided = await DecidedAlerts.OfAsync(alert.ToJsonString());

        var plan = MessagePlan.For(decided.Groups, decided.Context());

        Assert.NotEmpty(plan);
        Assert.All(plan, entry => Assert.DoesNotContain(entry.Message.Attributes, a => a.Name == "priority"));
        Assert.All(plan, entry => Assert.All(entry.Message.Attributes, a => Assert.False(string.IsNullOrWhiteSpace(a.Value))));
    }

    [Fact]
    public async Task For_MoreGroupsThanMaxMessages_PlansMaxAlertAndContainmentMessagesAndOneDigestCoveringTheRest()
    {
        using var decided = await DecidedAlerts.OfAsync(Envelopes.CloudWatch(Enumerable.Range(0, 200).Select(i => Escape(Pod(i)))));

        var plan = MessagePlan.For(decided.Groups, decided.Context(maxMessages: 5));

        Assert.Equal(11, plan.Count);
        Assert.All(plan.Take(10), entry => Assert.Single(entry.Groups));
        Assert.Equal(
            ["pod-000", "pod-000", "pod-001", "pod-001", "pod-002", "pod-002", "pod-003", "pod-003", "pod-004", "pod-004"],
            plan.Take(10).Select(entry => entry.Groups[0].Pod));
        Assert.Equal(Enumerable.Range(5, 195).Select(Pod), plan[10].Groups.Select(g => g.Pod));
        Assert.StartsWith("[CRITICAL][DRY RUN] Falco storm digest: 195 more alerts in 195 groups", plan[10].Message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task For_NotifyOnlyGroups_PlansNoContainmentMessage()
    {
        using var decided = await DecidedAlerts.OfAsync(Envelopes.CloudWatch([Fixtures.Alert("terminal-shell"), Fixtures.Alert("read-sensitive-file")]));

        var plan = MessagePlan.For(decided.Groups, decided.Context());

        Assert.Equal(
            ["[HIGH][DRY RUN] Read sensitive file untrusted - shop/web-5c6d7f8b9-abcde", "[LOW][DRY RUN] Terminal shell in container - payments/api-7d9f8b6c5d-x2k4q"],
            plan.Select(entry => entry.Message.Subject));
        Assert.All(plan, entry => Assert.Contains(new SnsAttribute("actions", "String.Array", "[]"), entry.Message.Attributes));
        Assert.All(plan, entry => Assert.Null(entry.Message.GroupId));
    }
}
