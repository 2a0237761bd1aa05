using System.Text;
using System.Text.Json.Nodes;
using Responder.Aws.Sns;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;

namespace Responder.Aws.Tests.Sns;

public sealed class MessageBodyTests
{
    private const string Escape = "release-agent-escape";
    private const string EscapePod = "batch/report-job-28551234-kq8zt";
    private const string EscapeNode = "ip-10-0-2-41.eu-west-1.compute.internal";

    // Strict: throws on a lone surrogate, so a cut through a character cannot go unnoticed.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static FakeCluster CordonSkippedDeleteFailed() => new(r => r.Action.Kind switch
    {
        ActionKind.CordonNode => new PortResult(ActionStatus.Skipped, "last-schedulable-node: ip-10-0-2-41 is the only schedulable node"),
        ActionKind.DeletePod => new PortResult(ActionStatus.Failed, "api-error: 500 from the API server"),
        _ => new PortResult(ActionStatus.Succeeded, null),
    });

    private static string GiantAlert(string cmdline)
    {
        var alert = Fixtures.AlertNode(Escape);
        alert["output_fields"]!["proc.cmdline"] = cmdline;
        return alert.ToJsonString();
    }

    private static void AssertInOrder(string text, params string[] parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"\"{part}\" not found after position {at} in:\n{(text.Length <= 4000 ? text : text[..4000] + " [...]")}");
            at = found + part.Length;
        }
    }

    [Fact]
    public async Task Alert_DryRunCriticalAlert_SummaryFirstThenFalcoOutputThenTheAlertJson()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape));

        var body = MessageBody.Alert(decided.Group, decided.Context());

        AssertInOrder(
            body,
            "CRITICAL (score 100): Detect release_agent File Container Escapes\n",
            "Falco priority Critical, source syscall. Main reasons: base score of priority Critical 85, rule pinned to 100, tag T1611 +25, tag mitre_privilege_escalation +10.\n",
            "Cluster:   prod-eks\n",
            "Namespace: batch\n",
            "Pod:       report-job-28551234-kq8zt\n",
            $"Node:      {EscapeNode}\n",
            "Process:   sh (parent runc): sh -c echo /cmd > /sys/fs/cgroup/rdma/release_agent\n",
            "User:      root (uid 0)\n",
            "Alerts:    2024-05-07T18:54:19.341081180Z\n",
            "Actions:\n",
            $"  label-pod {EscapePod}: planned (dry-run)\n",
            $"  cordon-node {EscapeNode}: planned (dry-run)\n",
            $"  delete-pod {EscapePod}: planned (dry-run)\n",
            "  notify -: planned\n",
            "DRY RUN: cluster actions were decided but not carried out.\n",
            "Falco:\nDetect an attempt to exploit a container escape using release_agent file | file=/sys/fs/cgroup/rdma/release_agent",
            "Alert JSON:\n");
        Assert.EndsWith("\nAlert JSON:\n" + Fixtures.Alert(Escape), body, StringComparison.Ordinal);
        Assert.DoesNotContain("DRILL", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_FalcoOutput_IsQuotedWithoutItsTimeAndPriorityPrefix()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape));

        var body = MessageBody.Alert(decided.Group, decided.Context());

        var summary = body[..body.IndexOf("Alert JSON:", StringComparison.Ordinal)];
        Assert.DoesNotContain("2024-05-07T18:54:19.341081180+0000", summary, StringComparison.Ordinal);
        Assert.Contains("\nDetect an attempt to exploit", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_ContainerImage_IsShownWithItsTag()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert("terminal-shell"));

        var body = MessageBody.Alert(decided.Group, decided.Context());

        Assert.Contains("Image:     registry.example.com/payments/api:1.42.0\n", body, StringComparison.Ordinal);
        Assert.Contains("Process:   bash (parent runc): bash\n", body, StringComparison.Ordinal);
        Assert.StartsWith("LOW (score 35): Terminal shell in container\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_ClusterActionsCarriedOut_EachShowsItsStatusAndReasonAndNoDryRunMark()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape), TestConfig.From("dry_run = false"), CordonSkippedDeleteFailed());

        var body = MessageBody.Alert(decided.Group, decided.Context());

        AssertInOrder(
            body,
            $"  label-pod {EscapePod}: succeeded\n",
            $"  cordon-node {EscapeNode}: skipped (last-schedulable-node: ip-10-0-2-41 is the only schedulable node)\n",
            $"  delete-pod {EscapePod}: failed (api-error: 500 from the API server)\n");
        Assert.DoesNotContain("DRY RUN", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_Drill_IsMarkedWithItsMarker()
    {
        var config = TestConfig.From("[trust]\ndrill_marker = \"drill-2024-05-07\"");
        using var decided = await DecidedAlerts.OfAsync(Envelopes.Drill(Fixtures.Alert(Escape), marker: "drill-2024-05-07"), config);

        var body = MessageBody.Alert(decided.Group, decided.Context());

        Assert.Contains("\nDRILL: this alert came from a drill (marker drill-2024-05-07), not from Falco.\n", body, StringComparison.Ordinal);
        Assert.Contains("\nDRY RUN: ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_GroupOfRepeats_GivesTheCountAndTheFirstAndLastTime()
    {
        var alerts = new[] { "2024-05-07T18:54:30.000000000Z", "2024-05-07T18:54:10.000000000Z", "2024-05-07T18:54:50.000000000Z" }.Select(time =>
        {
            var alert = Fixtures.AlertNode(Escape);
            alert["time"] = time;
            return alert.ToJsonString();
        });
        using var decided = await DecidedAlerts.OfAsync(Envelopes.CloudWatch(alerts));

        var body = MessageBody.Alert(decided.Group, decided.Context());

        Assert.Contains("Alerts:    3 between 2024-05-07T18:54:10.000000000Z and 2024-05-07T18:54:50.000000000Z\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_NoClusterName_LeavesTheClusterLineOut()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape));

        var body = MessageBody.Alert(decided.Group, decided.Context(cluster: null));

        Assert.DoesNotContain("Cluster:", body, StringComparison.Ordinal);
        Assert.Contains("Namespace: batch\n", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("\u00e9")]
    [InlineData("\U0001F41A")]
    public async Task Alert_400KBCommandLine_IsTrimmedToTheLimitKeepingTheSummaryActionsAndMarks(string unit)
    {
        var cmdline = "sh -c " + string.Concat(Enumerable.Repeat(unit, 400_000 / Encoding.UTF8.GetByteCount(unit)));
        var config = TestConfig.From("[limits]\nmax_message_bytes = 2097152");
        using var decided = await DecidedAlerts.OfAsync(GiantAlert(cmdline), config);
        var context = decided.Context();

        var body = MessageBody.Alert(decided.Group, context);

        Assert.InRange(StrictUtf8.GetByteCount(body), context.MaxBodyBytes - 1_000, context.MaxBodyBytes);
        AssertInOrder(
            body,
            "CRITICAL (score 100): Detect release_agent File Container Escapes\n",
            "Process:   sh (parent runc): sh -c ",
            "User:      root (uid 0)\n",
            $"  delete-pod {EscapePod}: planned (dry-run)\n",
            "DRY RUN: cluster actions were decided but not carried out.\n",
            "Falco:\n",
            "Alert JSON:\n{\"hostname\":",
            "\n[... truncated: ");
        Assert.EndsWith(" more bytes ...]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_300KBRuleName_IsShortenedInTheHeadingAndTheActionsStillFollow()
    {
        var alert = Fixtures.AlertNode(Escape);
        alert["rule"] = "Forged " + new string('r', 300_000);
        using var decided = await DecidedAlerts.OfAsync(alert.ToJsonString(), TestConfig.From("[limits]\nmax_message_bytes = 1048576"));
        var context = decided.Context();

        var body = MessageBody.Alert(decided.Group, context);

        Assert.InRange(Encoding.UTF8.GetByteCount(body), 1, context.MaxBodyBytes);
        var heading = body[..body.IndexOf('\n', StringComparison.Ordinal)];
        Assert.InRange(heading.Length, 1_000, 1_100);
        Assert.EndsWith("rrr [...]", heading, StringComparison.Ordinal);
        AssertInOrder(body, $"  delete-pod {EscapePod}: planned (dry-run)\n", "DRY RUN: ", "Falco:\n", "Alert JSON:\n", "\n[... truncated: ");
    }

    [Fact]
    public async Task Alert_SmallerLimit_TrimsTheJsonWithAMarkerSayingHowMuchWasCut()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape));
        var context = decided.Context() with { MaxBodyBytes = 1_800 };
        var whole = MessageBody.Alert(decided.Group, decided.Context());

        var body = MessageBody.Alert(decided.Group, context);

        Assert.True(Encoding.UTF8.GetByteCount(whole) > 2_000);
        Assert.InRange(Encoding.UTF8.GetByteCount(body), 1_600, 1_800);
        Assert.Contains("\nAlert JSON:\n{\"hostname\":", body, StringComparison.Ordinal);
        var marker = body.IndexOf("\n[... truncated: ", StringComparison.Ordinal);
        Assert.StartsWith(body[..marker], whole, StringComparison.Ordinal);
        Assert.Equal($"\n[... truncated: {Encoding.UTF8.GetByteCount(whole[marker..]):N0} more bytes ...]", body[marker..]);
    }

    [Fact]
    public async Task Containment_DryRun_SaysNothingWasChangedAndListsThePlannedActions()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape));

        var body = MessageBody.Containment(decided.Group, decided.Context());

        AssertInOrder(
            body,
            "Containment planned (dry run): nothing was changed.\n",
            $"  label-pod {EscapePod}: planned (dry-run)\n",
            $"  delete-pod {EscapePod}: planned (dry-run)\n",
            "CRITICAL (score 100): Detect release_agent File Container Escapes\n",
            "DRY RUN: ");
        Assert.DoesNotContain("notify", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Alert JSON", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Containment_Done_SaysSo()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape), TestConfig.From("dry_run = false"), new FakeCluster());

        var body = MessageBody.Containment(decided.Group, decided.Context());

        AssertInOrder(body, "Containment done.\n", $"  label-pod {EscapePod}: succeeded\n", $"  cordon-node {EscapeNode}: succeeded\n", $"  delete-pod {EscapePod}: succeeded\n");
    }

    private static Core.Config.ResponderConfig EvidenceConfig(string onFailure) => TestConfig.From($"""
        dry_run = false
        [evidence]
        bucket = "falco-evidence"
        [[policy.rules]]
        name = "contain"
        [[policy.rules.actions]]
        action = "collect-evidence"
        on_evidence_failure = "{onFailure}"
        [[policy.rules.actions]]
        action = "snapshot-node"
        [[policy.rules.actions]]
        action = "delete-pod"
        [[policy.rules.actions]]
        action = "notify"
        """);

    [Fact]
    public async Task AlertAndContainment_EvidenceKept_LinkTheFolderAndTheSnapshotsOnLinesOfTheirOwn()
    {
        var cluster = new FakeCluster(r => r.Action.Kind switch
        {
            ActionKind.CollectEvidence => new PortResult(ActionStatus.Succeeded, "s3://falco-evidence/falco-responder/prod/batch/x/uid/1/ (pod.json, 1 log, alert.json, decision.json)"),
            ActionKind.SnapshotNode => new PortResult(ActionStatus.Succeeded, "snap-0a (vol-1), snap-0b (vol-2) of instance i-0123456789abcdef0 in eu-west-1a: started, not waited for"),
            _ => new PortResult(ActionStatus.Succeeded, null),
        });
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape), EvidenceConfig("hold"), cluster);

        foreach (var body in new[] { MessageBody.Alert(decided.Group, decided.Context()), MessageBody.Containment(decided.Group, decided.Context()) })
        {
            AssertInOrder(
                body,
                "\nEvidence:\n",
                $"  logs and manifest of {EscapePod}: s3://falco-evidence/falco-responder/prod/batch/x/uid/1/ (pod.json, 1 log, alert.json, decision.json)\n",
                $"  disk snapshots of {EscapeNode}: snap-0a (vol-1), snap-0b (vol-2) of instance i-0123456789abcdef0");
            Assert.DoesNotContain("MISSING", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("hold", "  MISSING: batch/report-job-28551234-kq8zt was kept, not removed, until its evidence is stored\n")]
    [InlineData("proceed", "  MISSING: batch/report-job-28551234-kq8zt was removed without its evidence\n")]
    public async Task Containment_EvidenceFailed_SaysLoudlyWhatBecameOfThePod(string onFailure, string line)
    {
        var cluster = new FakeCluster(r => r.Action.Kind == ActionKind.CollectEvidence
            ? new PortResult(ActionStatus.Failed, "evidence-store: S3 bucket falco-evidence: PutObject: AccessDenied: Access Denied")
            : new PortResult(ActionStatus.Succeeded, null));
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape), EvidenceConfig(onFailure), cluster);

        var body = MessageBody.Containment(decided.Group, decided.Context());

        AssertInOrder(body, "  collect-evidence " + EscapePod + ": failed (evidence-store: S3 bucket falco-evidence: PutObject: AccessDenied: Access Denied)\n", "\nEvidence:\n", line);
    }

    [Fact]
    public async Task Containment_FailedAndSkipped_CountsTheFailuresAndGivesEveryReason()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert(Escape), TestConfig.From("dry_run = false"), CordonSkippedDeleteFailed());

        var body = MessageBody.Containment(decided.Group, decided.Context());

        AssertInOrder(
            body,
            "Containment FAILED for 1 of 4 action(s).\n",
            "skipped (last-schedulable-node: ip-10-0-2-41 is the only schedulable node)\n",
            "failed (api-error: 500 from the API server)\n");
    }

    [Fact]
    public async Task Digest_Groups_ListsEachWithSeverityCountRuleTargetAndOutcomeWorstFirst()
    {
        var shells = Enumerable.Range(0, 3).Select(_ => Fixtures.Alert("terminal-shell"));
        var escapes = Enumerable.Range(0, 2).Select(_ => Fixtures.Alert(Escape));
        using var decided = await DecidedAlerts.OfAsync(Envelopes.CloudWatch([.. shells, .. escapes, Fixtures.Alert("read-sensitive-file")]));

        var body = MessageBody.Digest(decided.Groups, decided.Context(maxMessages: 7));

        AssertInOrder(
            body,
            "6 more alerts in 3 groups (same rule, namespace and pod) were not sent one by one: this invocation had already sent 7 messages.\n",
            "Cluster: prod-eks\n",
            $"- CRITICAL x2 Detect release_agent File Container Escapes - {EscapePod} - would label, cordon, snapshot, delete\n",
            "- HIGH x1 Read sensitive file untrusted - shop/web-5c6d7f8b9-abcde\n",
            "- LOW x3 Terminal shell in container - payments/api-7d9f8b6c5d-x2k4q\n",
            "DRY RUN: ");
    }

    [Fact]
    public async Task Target_NoPod_NamesTheNodeOrSaysThereIsNone()
    {
        var hostAlert = Fixtures.AlertNode("kernel-module-host");
        var nothing = JsonNode.Parse("""{"rule":"Something odd","priority":"Warning","output":"odd","source":"syscall","time":"2024-05-08T11:11:11Z"}""")!.ToJsonString();

        var targets = new List<string>();
        foreach (var document in new[] { hostAlert.ToJsonString(), nothing })
        {
            using var decided = await DecidedAlerts.OfAsync(document);
            targets.Add(MessageBody.Target(decided.Group));
        }

        Assert.Equal(["node ip-10-0-4-4.eu-west-1.compute.internal", "no pod or node"], targets);
    }
}
