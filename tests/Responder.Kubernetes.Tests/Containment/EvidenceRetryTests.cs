using Responder.Core.Policy;
using Responder.Core.State;
using Responder.Harness;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>A delivery retried (Lambda's at-least-once) against the same shared state: evidence is kept once per pod and alert.</summary>
public sealed class EvidenceRetryTests : ContainmentTest
{
    private static readonly string Config = EvidencePolicy.Contain();

    private const string AlreadyDone = "already done by an earlier attempt";

    private readonly InMemoryResponseState _state = new(TimeProvider.System);

    private PodSnapshot Pod()
    {
        var pod = Cluster.AddBarePod("checkout", "checkout-6f7b8c9d0-zz9yy", "n1");
        Cluster.WriteLog("checkout", pod.Name, "app", "GET / 200\n");
        return pod;
    }

    private static PlannedAction Action(IReadOnlyList<Core.Response.AlertOutcome> outcomes, ActionKind kind) => outcomes[0].Actions.Single(a => a.Kind == kind);

    [Fact]
    public async Task DeleteFailedThenRetried_TheRetryFindsTheEvidenceKept_AndWritesAndReadsNothingAgain()
    {
        var pod = Pod();
        var alert = Alert(pod);
        Fake.Faults.Inject(FakeFault.ServiceUnavailable(), "DELETE", "/api/v1/namespaces/checkout/pods/*", times: 3);
        var first = await OutcomesWithAsync(_state, Config, alert);
        var writes = Evidence.Writes.Count;
        var requests = Fake.Requests.Count;

        var retry = await OutcomesWithAsync(_state, Config, alert);

        var kept = Action(first, ActionKind.CollectEvidence);
        Assert.Equal(ActionStatus.Succeeded, kept.Status);
        Assert.Equal((ActionStatus.Succeeded, $"already done by an earlier attempt ({kept.Reason})"),
            (Action(retry, ActionKind.CollectEvidence).Status, Action(retry, ActionKind.CollectEvidence).Reason));
        Assert.True(Action(first, ActionKind.DeletePod).Retryable);
        Assert.Equal(ActionStatus.Succeeded, Action(retry, ActionKind.DeletePod).Status);
        Assert.Null(Cluster.Pod("checkout", pod.Name));
        Assert.Equal(writes, Evidence.Writes.Count);
        Assert.Equal(["GET", "DELETE"], Fake.Requests.Skip(requests).Where(r => !r.Path.Contains("/replicasets/", StringComparison.Ordinal)).Select(r => r.Method).Distinct());
        Assert.DoesNotContain(Fake.Requests.Skip(requests), r => r.Path.EndsWith("/log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoreDownThenUp_TheRetryKeepsTheEvidenceThenRemovesThePod_WithoutLabellingAgain()
    {
        var pod = Pod();
        var alert = Alert(pod);
        Evidence.Down();

        var first = await OutcomesWithAsync(_state, Config, alert);
        Evidence.Up();
        var retry = await OutcomesWithAsync(_state, Config, alert);

        Assert.True(Action(first, ActionKind.CollectEvidence).Retryable);
        Assert.Equal(ActionStatus.Skipped, Action(first, ActionKind.DeletePod).Status);
        Assert.Equal(ActionStatus.Succeeded, Action(retry, ActionKind.CollectEvidence).Status);
        Assert.StartsWith("s3://evidence-bucket/", Action(retry, ActionKind.CollectEvidence).Reason, StringComparison.Ordinal);
        Assert.Equal((ActionStatus.Succeeded, null), (Action(retry, ActionKind.DeletePod).Status, Action(retry, ActionKind.DeletePod).Reason));
        Assert.StartsWith(AlreadyDone, Action(retry, ActionKind.LabelPod).Reason, StringComparison.Ordinal);
        Assert.Single(Fake.Requests, r => r.Method == "PATCH");
        Assert.Null(Cluster.Pod("checkout", pod.Name));

        // Every evidence write precedes the delete request.
        Assert.Contains(Evidence.Objects.Keys, k => k.EndsWith("/decision.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameHostAlertTwice_OneSnapshotPerNodeAndAlert()
    {
        Cluster.AddNodes("ip-10-0-4-4.eu-west-1.compute.internal");
        var alert = Fixtures.Alert("kernel-module-host");

        var first = await OutcomesWithAsync(_state, null, alert);
        var retry = await OutcomesWithAsync(_state, null, alert);

        Assert.Single(Snapshots.Requests);
        Assert.StartsWith(AlreadyDone + " (snap-", Action(retry, ActionKind.SnapshotNode).Reason, StringComparison.Ordinal);
        Assert.Equal(ActionStatus.Succeeded, Action(first, ActionKind.SnapshotNode).Status);
    }
}
