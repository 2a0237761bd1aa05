using Responder.Core.Policy;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>Passing failures are retried; what is left is a clear failure, retryable or not, and the batch goes on.</summary>
public sealed class FaultTests : ContainmentTest
{
    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(409)]
    [InlineData(429)]
    public async Task PassingFailureOnTheLabel_IsRetried(int status)
    {
        var pod = Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];
        var path = $"/api/v1/namespaces/shop/pods/{pod.Name}";
        Fake.Faults.Inject(status == 429 ? FakeFault.TooManyRequests(1) : FakeFault.WithStatus(status, "Injected", "injected"), "PATCH", path);

        var report = await RespondAsync(Alert(pod));

        Assert.Equal("label-pod succeeded", ReportActions.Of(report)[0]);
        Assert.Equal([status, 200], Fake.Requests.Where(r => r.Method == "PATCH" && r.Path == path).Select(r => r.StatusCode));
    }

    [Fact]
    public async Task ConnectionReset_IsRetried()
    {
        var pod = Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];
        Fake.Faults.Inject(FakeFault.ConnectionReset(), "DELETE", $"/api/v1/namespaces/shop/pods/{pod.Name}");

        var report = await RespondAsync(Alert(pod));

        Assert.Equal("delete-pod succeeded", ReportActions.Of(report)[2]);
        Assert.Null(Cluster.Pod("shop", pod.Name));
    }

    [Fact]
    public async Task ServerErrorThatStays_FailsRetryable_AfterThreeAttempts_OtherActionsGoOn()
    {
        var pod = Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];
        Fake.Faults.Inject(FakeFault.InternalError(), "PATCH", "/api/v1/nodes/n1", times: 3);

        var actions = (await OutcomesAsync(null, Alert(pod)))[0].Actions;

        var cordon = actions.Single(a => a.Kind == ActionKind.CordonNode);
        Assert.Equal((ActionStatus.Failed, true), (cordon.Status, cordon.Retryable));
        Assert.StartsWith("api-error 500: ", cordon.Reason, StringComparison.Ordinal);
        Assert.Equal(3, Fake.Requests.Count(r => r.Path == "/api/v1/nodes/n1"));
        Assert.Equal(ActionStatus.Succeeded, actions.Single(a => a.Kind == ActionKind.DeletePod).Status);
    }

    [Fact]
    public async Task Forbidden_FailsAtOnce_NotRetryable_WithTheServersMessage()
    {
        var pod = Cluster.AddDeployment("shop", "web", "n1", "n2").Pods[0];
        Fake.Faults.Inject(FakeFault.WithStatus(403, "Forbidden", "pods \"x\" is forbidden: User \"falco-responder\" cannot delete resource \"pods\""), "DELETE", "/api/v1/*");

        var delete = (await OutcomesAsync(null, Alert(pod)))[0].Actions.Single(a => a.Kind == ActionKind.DeletePod);

        Assert.Equal((ActionStatus.Failed, false), (delete.Status, delete.Retryable));
        Assert.Equal("forbidden: pods \"x\" is forbidden: User \"falco-responder\" cannot delete resource \"pods\"", delete.Reason);
        Assert.Single(Fake.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task WrongToken_EveryActionFailsForbidden()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");
        _ = Client;
        Fake.RotateToken();

        var report = await RespondAsync(Alert(pod));

        Assert.All(ReportActions.Of(report)[..3], a => Assert.Contains("failed: forbidden: ", a, StringComparison.Ordinal));
        Assert.NotNull(Cluster.Pod("web", "shell"));
    }

    [Fact]
    public async Task NodeListUnreadable_NodeActionsFail_PodActionsStillHappen()
    {
        var pod = Cluster.AddBarePod("web", "shell", "n1");
        Fake.Faults.Inject(FakeFault.InternalError(), "GET", "/api/v1/nodes", times: 3);

        var report = await RespondAsync(Alert(pod));

        Assert.Equal(["label-pod succeeded", "delete-pod succeeded"], [.. ReportActions.Of(report).Where(a => a.StartsWith("label", StringComparison.Ordinal) || a.StartsWith("delete", StringComparison.Ordinal))]);
        Assert.StartsWith("cordon-node failed: api-error 500: ", ReportActions.Of(report)[1], StringComparison.Ordinal);
        Assert.False(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task PodUnreadable_ItsActionsFail_OtherPodsAreContained()
    {
        var broken = Cluster.AddBarePod("web", "broken", "n1");
        var fine = Cluster.AddBarePod("web", "fine", "n1");
        Fake.Faults.Inject(FakeFault.ServiceUnavailable(), null, "/api/v1/namespaces/web/pods/broken", times: 6);

        var report = await RespondAsync(Alert(broken), Alert(fine));

        // Without the pod there is no knowing which node it is on: nothing of that alert is written.
        Assert.All(ReportActions.Of(report, 0)[..3], a => Assert.Contains(" failed: api-error 503", a, StringComparison.Ordinal));
        Assert.Equal(["GET", "GET", "GET"], Fake.Requests.Where(r => r.Path.EndsWith("/broken", StringComparison.Ordinal)).Select(r => r.Method));
        Assert.NotNull(Cluster.Pod("web", "broken"));
        Assert.Null(Cluster.Pod("web", "fine"));
    }

    [Fact]
    public async Task ClusterUnreachable_EveryActionFails_Retryable_WhenTheCauseMayPass()
    {
        var config = Harness.TestConfig.From("dry_run = false");
        var port = new KubernetesClusterActions(
            _ => throw new ClusterUnavailableException("cluster prod is CREATING: it has no endpoint yet", retryable: true, null), config.Containment, TimeProvider.System);
        var pipeline = new Core.Response.ResponsePipeline(config, null, port);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Alert("web", "shell"));
        using var batch = new Core.Ingest.EnvelopeDecoder(config.Limits, config.Input.MergeKeys).Decode(new Core.Ingest.InputDocument(1, bytes, false, bytes.Length));

        var actions = (await pipeline.ProcessAsync(batch, CancellationToken.None)).Alerts[0].Actions;

        Assert.All(actions.Where(a => a.Kind != ActionKind.Notify), a =>
            Assert.Equal((ActionStatus.Failed, "cluster-unreachable: cluster prod is CREATING: it has no endpoint yet", true), (a.Status, a.Reason, a.Retryable)));
    }
}
