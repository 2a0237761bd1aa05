using Microsoft.Extensions.Time.Testing;
using Responder.Aws.Tests.Moto;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;

namespace Responder.Aws.Tests.SecurityHub;

/// <summary>BatchImportFindings against moto's Security Hub, read back with GetFindings: what arrives, and that one alert is one finding.</summary>
[Collection(MotoCollection.Name)]
public sealed class MotoSecurityHubTests(MotoFixture moto)
{
    private static string Pod() => $"job-{Guid.NewGuid():N}";

    [Fact]
    public async Task Record_ContainedAlertThroughThePipeline_MotoHoldsItsFindingWithTheResponse()
    {
        var pod = Pod();
        var findings = FindingsHarness.Findings(moto.Server.Endpoint);
        var notifier = new FakeNotifier();

        var report = await FindingsHarness.RunAsync(FindingsHarness.Config(), findings, new FakeCluster(), notifier, FindingsHarness.Escape(pod));

        var (id, outcome) = Assert.Single(report.FindingOutcomes());
        Assert.Equal("succeeded", outcome);
        Assert.StartsWith($"falco-responder/{FindingsHarness.Cluster}/", id, StringComparison.Ordinal);
        Assert.Single(notifier.Notified);
        var finding = (await MotoFindings.AllAsync(moto.Server))[id];
        Assert.Equal((FindingsHarness.ProductArn, "CRITICAL"), (finding["ProductArn"]!.GetValue<string>(), finding["Severity"]!["Label"]!.GetValue<string>()));
        Assert.Equal($"succeeded: batch/{pod}", finding.Field("falco-responder/action/delete-pod"));
        Assert.Equal("Falco Responder: labelled, cordoned, snapshotted, deleted.", finding["Note"]!["Text"]!.GetValue<string>());
        Assert.Equal(["Other", "Other", "AwsEksCluster"], finding["Resources"]!.AsArray().Select(r => r!["Type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Record_SameAlertFailedThenContained_UpdatesItsOneFinding()
    {
        var pod = Pod();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var findings = FindingsHarness.Findings(moto.Server.Endpoint, time: time);
        var failing = new FakeCluster(a => a.Kind == ActionKind.DeletePod ? new PortResult(ActionStatus.Failed, "forbidden: pods is forbidden") : new PortResult(ActionStatus.Succeeded, null));

        var first = await FindingsHarness.RunAsync(FindingsHarness.Config(), findings, failing, null, FindingsHarness.Escape(pod));
        var id = Assert.Single(first.FindingOutcomes()).Target;
        var held = await MotoFindings.AllAsync(moto.Server);
        var before = held[id];
        time.Advance(TimeSpan.FromMinutes(10));

        // A later invocation (new in-process state: the dedupe window has passed) sees the same alert again.
        var second = await FindingsHarness.RunAsync(FindingsHarness.Config(), findings, new FakeCluster(), null, FindingsHarness.Escape(pod));

        Assert.Equal(id, Assert.Single(second.FindingOutcomes()).Target);
        var all = await MotoFindings.AllAsync(moto.Server);
        Assert.Equal(held.Count, all.Count);
        var after = all[id];
        Assert.Equal("failed: batch/" + pod + " (forbidden: pods is forbidden)", before.Field("falco-responder/action/delete-pod"));
        Assert.Equal($"succeeded: batch/{pod}", after.Field("falco-responder/action/delete-pod"));
        Assert.True(string.CompareOrdinal(after["UpdatedAt"]!.GetValue<string>(), before["UpdatedAt"]!.GetValue<string>()) > 0);
    }

    [Fact]
    public async Task Record_ConnectionDroppedThenThrottled_IsRetriedSignedEachTimeAndLandsInMoto()
    {
        var faults = new FaultingHandler(FaultingHandler.Reset(), FaultingHandler.Status(System.Net.HttpStatusCode.TooManyRequests, "TooManyRequestsException", "Rate exceeded"));
        var findings = FindingsHarness.Findings(moto.Server.Endpoint, faults);

        var report = await FindingsHarness.RunAsync(FindingsHarness.Config(), findings, null, null, FindingsHarness.Escape(Pod()));

        var (id, outcome) = Assert.Single(report.FindingOutcomes());
        Assert.Equal("succeeded", outcome);
        Assert.Equal(3, faults.Attempts);
        Assert.All(faults.Requests, r => Assert.Contains("/securityhub/aws4_request", r.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal));
        Assert.True((await MotoFindings.AllAsync(moto.Server)).ContainsKey(id));
    }

    [Fact]
    public async Task Record_TwoHundredFiftyAlerts_ImportedAHundredAtATimeEachInMoto()
    {
        var findings = FindingsHarness.Findings(moto.Server.Endpoint);
        var alerts = Enumerable.Range(0, 250).Select(_ => FindingsHarness.Escape(Pod())).ToArray();

        var report = await FindingsHarness.RunAsync(FindingsHarness.Config("[notifications]\nmax_messages = 1"), findings, null, null, Envelopes.CloudWatch(alerts));

        var outcomes = report.FindingOutcomes();
        Assert.Equal(250, outcomes.Length);
        Assert.All(outcomes, o => Assert.Equal("succeeded", o.Outcome));
        Assert.Equal(3, findings.Calls);
        var held = await MotoFindings.AllAsync(moto.Server);
        Assert.All(outcomes, o => Assert.True(held.ContainsKey(o.Target), o.Target));
    }
}
