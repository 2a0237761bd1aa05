using Responder.Aws.Http;
using Responder.Aws.SecurityHub;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.Harness.Servers;
using Responder.TestSupport;

namespace Responder.Aws.Tests.SecurityHub;

/// <summary>
/// What the findings port reports when Security Hub throttles, fails, refuses a finding or is not enabled, against a fake
/// over real HTTP: per alert, on its record-finding action, and never at the cost of the notification or the containment.
/// </summary>
public sealed class SecurityHubFaultTests
{
    [Fact]
    public async Task Record_ThrottledThenUnavailable_IsRetriedAndSucceeds()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        hub.FailNext((429, "TooManyRequestsException", "Rate exceeded"), (503, "ServiceUnavailable", "try later"));

        var report = await FindingsHarness.RunAsync(FindingsHarness.Config(), FindingsHarness.Findings(hub.Endpoint), new FakeCluster(), null, FindingsHarness.Escape());

        Assert.Equal("succeeded", Assert.Single(report.FindingOutcomes()).Outcome);
        Assert.Equal(3, hub.Requests.Count);
        Assert.Single(hub.Findings);
    }

    [Fact]
    public async Task Record_ServerErrorEveryTime_FailsRetryableAfterThreeAttempts_WhileNotificationAndContainmentStand()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        hub.FailNext([.. Enumerable.Repeat((500, "InternalException", "Internal service failure"), 5)]);
        var notifier = new FakeNotifier();
        var pipeline = new ResponsePipeline(FindingsHarness.Config(), notifier, new FakeCluster(), findings: FindingsHarness.Findings(hub.Endpoint));

        var result = await Decided.ActAsync(pipeline, FindingsHarness.Escape());

        var actions = Assert.Single(result.Alerts).Actions;
        Assert.Equal(["label-pod:succeeded", "cordon-node:succeeded", "snapshot-node:succeeded", "delete-pod:succeeded", "notify:succeeded", "record-finding:failed"],
            actions.Select(a => $"{a.Kind.ToWire()}:{a.Status.ToWire()}"));
        var finding = actions[^1];
        Assert.Equal(("securityhub-error: InternalException: Internal service failure", true), (finding.Reason, finding.Retryable));
        Assert.Equal(3, hub.Requests.Count);
        Assert.Single(notifier.Notified);
    }

    [Fact]
    public async Task Record_SecurityHubNotEnabled_FailsAtOnceAndIsNotRetried()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        hub.FailNext((401, "InvalidAccessException", "Account 123456789012 is not subscribed to AWS Security Hub"));
        var pipeline = new ResponsePipeline(FindingsHarness.Config(), findings: FindingsHarness.Findings(hub.Endpoint));

        var result = await Decided.ActAsync(pipeline, FindingsHarness.Escape());

        var finding = Assert.Single(result.Alerts).Actions.Single(a => a.Kind == ActionKind.RecordFinding);
        Assert.Equal((ActionStatus.Failed, false), (finding.Status, finding.Retryable));
        Assert.Equal("securityhub-error: InvalidAccessException: Account 123456789012 is not subscribed to AWS Security Hub", finding.Reason);
        Assert.Single(hub.Requests);
    }

    [Fact]
    public async Task Record_OneFindingRefused_OnlyItsAlertFails()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        var config = FindingsHarness.Config();
        var refused = (await FindingsHarness.RunAsync(config, FindingsHarness.Findings(hub.Endpoint), null, null, FindingsHarness.Escape("refused-pod"))).FindingOutcomes()[0].Target;
        hub.Refuse[refused] = "InvalidInput";

        var report = await FindingsHarness.RunAsync(config, FindingsHarness.Findings(hub.Endpoint), null, null,
            Envelopes.CloudWatch([FindingsHarness.Escape("refused-pod"), FindingsHarness.Escape("other-pod")]));

        Assert.Equal(["failed: securityhub-error: InvalidInput: refused (scripted)", "succeeded"], report.FindingOutcomes().Select(o => o.Outcome));
    }

    [Fact]
    public async Task Record_EveryFixtureAlert_PassesSecurityHubsChecksAndIsSignedForSecurityHub()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        var documents = Fixtures.AlertNames.Select(Fixtures.Alert).ToArray();

        var report = await FindingsHarness.RunAsync(FindingsHarness.Config(), FindingsHarness.Findings(hub.Endpoint), new FakeCluster(), null, Envelopes.CloudWatch(documents));

        var outcomes = report.FindingOutcomes();
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.Equal("succeeded", o.Outcome));
        Assert.Equal(outcomes.Select(o => o.Target).Order(StringComparer.Ordinal), hub.Findings.Keys.Order(StringComparer.Ordinal));
        Assert.All(hub.Requests, r => Assert.Contains($"/{FindingsHarness.Region}/securityhub/aws4_request", r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_ProductNotFound_EveryAlertFailsWithTheReasonAndNothingIsSent()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        var findings = new SecurityHubFindings(FindingsHarness.Client(hub.Endpoint),
            _ => throw new AwsServiceException("STS", null, "ExpiredToken", "The security token included in the request is expired", retryable: false),
            new FindingContext(FindingsHarness.Cluster, FindingsHarness.Cluster, TimeProvider.System));

        var report = await FindingsHarness.RunAsync(FindingsHarness.Config(), findings, null, null, FindingsHarness.Escape());

        Assert.Equal("failed: securityhub-error: ExpiredToken: The security token included in the request is expired", Assert.Single(report.FindingOutcomes()).Outcome);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task Record_FindingsOff_NoRecordFindingActionAndNothingIsSent()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        var config = FindingsHarness.Config() with { SecurityHub = new(false, null) };

        var report = await FindingsHarness.RunAsync(config, FindingsHarness.Findings(hub.Endpoint), null, null, FindingsHarness.Escape());

        Assert.DoesNotContain(report.Alerts().SelectMany(a => a!["actions"]!.AsArray()), a => a!["action"]!.GetValue<string>() == "record-finding");
        Assert.Empty(hub.Requests);
    }
}
