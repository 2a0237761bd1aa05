using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.State;
using Responder.Harness;
using Responder.Harness.Kubernetes;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.State;

/// <summary>
/// Responder instances sharing one DynamoDB table and one cluster (the fake API server). Each scenario runs on dynalite
/// and on moto, so a request only one of them accepts fails the other.
/// </summary>
public abstract class SharedStateTests(IDynamoDbServer dynamo) : IAsyncLifetime, IDisposable
{
    private FakeApiServer _cluster = null!;
    private Responders _responders = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeApiServer.StartAsync();
        _cluster.Cluster.AddNodes("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10");
        _responders = new Responders(dynamo, _cluster, await dynamo.CreateTableAsync());
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    public void Dispose()
    {
        _responders.Dispose();
        GC.SuppressFinalize(this);
    }

    private const string AlreadyDone = "already done by an earlier attempt";

    private string[] Writes() =>
        [.. _cluster.Requests.Where(r => r.Method != "GET" && r.StatusCode is >= 200 and < 300).Select(r => $"{r.Method} {r.Path}")];

    [Fact]
    public async Task TwoInstances_RacingOnTheSamePayload_ActOnce()
    {
        var pod = _cluster.Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];
        var payload = Envelopes.CloudWatch([Responders.Alert(pod)]);
        var (first, _) = _responders.Instance();
        var (second, _) = _responders.Instance();

        var results = await Task.WhenAll(_responders.RunAsync(first, payload), _responders.RunAsync(second, payload));

        Assert.Single(_cluster.Cluster.Deletions);
        Assert.Null(_cluster.Cluster.Pod("shop", pod.Name));
        Assert.Single(Writes(), w => w == $"DELETE /api/v1/namespaces/shop/pods/{pod.Name}");
        Assert.Single(Writes(), w => w == $"PATCH /api/v1/namespaces/shop/pods/{pod.Name}");
        Assert.Single(Writes(), w => w == "PATCH /api/v1/nodes/n1");
        // Each delete was done once: by one instance, and the other either found it done or left it to the live claim.
        var deletes = results.Select(r => Assert.Single(r.Alerts).Actions.Single(a => a.Kind == ActionKind.DeletePod)).ToList();
        Assert.Single(deletes, d => d is { Status: ActionStatus.Succeeded, Reason: null or "gone" });
        Assert.Single(deletes, d => d.Reason?.StartsWith(AlreadyDone, StringComparison.Ordinal) == true
            || (d.Status == ActionStatus.Failed && d.Retryable && d.Reason!.StartsWith("in-progress: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TwoInstances_TheSameAlertInTwoDeliveries_TheSecondIsADuplicateCountedOnTheFirst()
    {
        var pod = _cluster.Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];
        var (first, state) = _responders.Instance();
        var (second, _) = _responders.Instance();

        var one = await _responders.RunAsync(first, Envelopes.CloudWatch([Responders.Alert(pod)], firstId: 1));
        _responders.Clock.Advance(TimeSpan.FromMinutes(2));
        var two = await _responders.RunAsync(second, Envelopes.CloudWatch([Responders.Alert(pod), Responders.Alert(pod)], firstId: 10));

        Assert.Single(one.Alerts);
        Assert.Empty(two.Alerts);
        Assert.All(two.Rejected, r => Assert.Equal(RejectCode.Duplicate, r.Code));
        Assert.Contains(two.Rejected, r => r.Message == $"repeat of {Envelopes.EventId(1)}, seen first by another invocation; seen 3 times within 5m");
        Assert.Single(_cluster.Cluster.Deletions);
        var admitted = await state.AdmitAsync([new Sighting(one.Alerts[0].Key, Envelopes.EventId(1), 1)], TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.Equal(new Admission(true, Envelopes.EventId(1), 3), admitted[0]);
    }

    [Fact]
    public async Task Retry_AfterACrashLeftAClaim_WaitsForTheLeaseThenResumesWithoutRepeatingWhatSucceeded()
    {
        var pod = _cluster.Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];
        var payload = Envelopes.CloudWatch([Responders.Alert(pod)]);
        // The first attempt labels and cordons, and its delete fails in a way a retry may fix.
        _cluster.Faults.Inject(FakeFault.InternalError(), "DELETE", $"/api/v1/namespaces/shop/pods/{pod.Name}", times: 3);
        var (first, state) = _responders.Instance();
        var failed = Assert.Single((await _responders.RunAsync(first, payload)).Alerts);
        Assert.Equal(ActionStatus.Failed, failed.Actions.Single(a => a.Kind == ActionKind.DeletePod).Status);
        // A second attempt claims the delete, then its instance dies before recording anything.
        var deleteKey = StateKeys.Action(ActionKind.DeletePod, $"shop/{pod.Name}", failed.Key);
        var crashed = await state.ClaimAsync([new ClaimRequest(deleteKey, failed.Id)], _responders.Config.State.ClaimLease, _responders.Config.State.OutcomeTtl, CancellationToken.None);
        Assert.Equal(ClaimState.Acquired, crashed[0].State);
        var writesBefore = Writes().Length;

        _responders.Clock.Advance(TimeSpan.FromSeconds(30));
        var early = Assert.Single((await _responders.RunAsync(_responders.Instance().Pipeline, payload)).Alerts);
        _responders.Clock.Advance(TimeSpan.FromSeconds(31));
        var late = Assert.Single((await _responders.RunAsync(_responders.Instance().Pipeline, payload)).Alerts);

        var held = early.Actions.Single(a => a.Kind == ActionKind.DeletePod);
        Assert.Equal((ActionStatus.Failed, true), (held.Status, held.Retryable));
        Assert.StartsWith($"in-progress: claimed by the attempt for record {failed.Id} until 2026-11-27T10:01:00Z", held.Reason, StringComparison.Ordinal);
        Assert.All(late.Actions.Where(a => a.Kind is ActionKind.LabelPod or ActionKind.CordonNode), a =>
            Assert.Equal((ActionStatus.Succeeded, AlreadyDone), (a.Status, a.Reason)));
        Assert.Equal(ActionStatus.Succeeded, late.Actions.Single(a => a.Kind == ActionKind.DeletePod).Status);
        Assert.Equal([$"DELETE /api/v1/namespaces/shop/pods/{pod.Name}"], Writes()[writesBefore..]);
        Assert.Single(_cluster.Cluster.Deletions);
    }

    [Fact]
    public async Task Limits_TripAtTheMaximum_OneCircuitNoticeAcrossInstances_AndResetWithTheWindow()
    {
        using var responders = new Responders(dynamo, _cluster, await dynamo.CreateTableAsync(), "[state]\nmax_deletes = 2\nmax_cordons = 1\nlimit_window_seconds = 3600");
        var pods = _cluster.Cluster.AddDeployment("shop", "web", "n1", "n2", "n3", "n4", "n5", "n6").Pods;
        var notifierA = new Harness.Fakes.FakeNotifier();
        var notifierB = new Harness.Fakes.FakeNotifier();
        var a = responders.Instance(notifierA).Pipeline;
        var b = responders.Instance(notifierB).Pipeline;

        var first = await responders.RunAsync(a, Envelopes.CloudWatch([Responders.Alert(pods[0]), Responders.Alert(pods[1]), Responders.Alert(pods[2])], firstId: 1));
        var second = await responders.RunAsync(b, Envelopes.CloudWatch([Responders.Alert(pods[3])], firstId: 10));
        responders.Clock.Advance(TimeSpan.FromHours(1));
        var next = await responders.RunAsync(b, Envelopes.CloudWatch([Responders.Alert(pods[4])], firstId: 20));

        string Status(BatchResult r, int i, ActionKind kind) => r.Alerts[i].Actions.Single(x => x.Kind == kind).Status.ToString();
        Assert.Equal(["Succeeded", "Succeeded", "Skipped"], Enumerable.Range(0, 3).Select(i => Status(first, i, ActionKind.DeletePod)));
        Assert.StartsWith("rate-limited: 2 deletes (delete-pod, evict-pod) per 1h reached on cluster", first.Alerts[2].Actions.Single(x => x.Kind == ActionKind.DeletePod).Reason, StringComparison.Ordinal);
        Assert.Equal("Skipped", Status(second, 0, ActionKind.DeletePod));
        Assert.Equal("Succeeded", Status(next, 0, ActionKind.DeletePod));
        Assert.Equal(3, _cluster.Cluster.Deletions.Count);
        // Both limits opened in the first instance's batch; the second instance stays quiet in the same window.
        Assert.Equal(["cordons", "deletes"], notifierA.Circuits.Select(c => c.Limit).Order());
        Assert.Empty(notifierB.Circuits);
    }
}
