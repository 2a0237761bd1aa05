using Responder.Harness;
using Responder.Harness.Kubernetes;
using Responder.TestSupport;

namespace Responder.Lambda.Tests;

/// <summary>The published bootstrap as the "contain" function, reaching a cluster (the fake API server) by endpoint, CA and token files.</summary>
[Collection(BootstrapCollection.Name)]
public sealed class ContainmentTests(PublishedBootstrap bootstrap) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("responder-contain-").FullName;
    private FakeApiServer _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeApiServer.StartAsync();
        _cluster.Cluster.AddNodes("ip-10-0-2-15.eu-west-1.compute.internal", "ip-10-0-2-16.eu-west-1.compute.internal", "ip-10-0-2-17.eu-west-1.compute.internal");
        await File.WriteAllTextAsync(Path.Combine(_directory, "ca.pem"), _cluster.AuthorityPem);
        await File.WriteAllTextAsync(Path.Combine(_directory, "token"), _cluster.Token);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<LambdaRun> StartAsync() => LambdaRun.StartAsync(bootstrap, "contain", new()
    {
        ["RESPONDER_DRY_RUN"] = "false",
        ["RESPONDER_CLUSTER_NAME"] = "falco-prod",
        ["RESPONDER_CLUSTER_ENDPOINT"] = _cluster.Host,
        ["RESPONDER_CLUSTER_CA_FILE"] = Path.Combine(_directory, "ca.pem"),
        ["RESPONDER_CLUSTER_TOKEN_FILE"] = Path.Combine(_directory, "token"),
    });

    [Fact]
    public async Task Invoke_CriticalAlert_LabelsCordonsAndDeletesThePod()
    {
        var pod = _cluster.Cluster.AddBarePod("checkout", "checkout-6f7b8c9d0-zz9yy", "ip-10-0-2-15.eu-west-1.compute.internal");
        await using var run = await StartAsync();

        var reply = await run.InvokeAsync(Envelopes.CloudWatch([Fixtures.Alert("drop-and-execute")]));

        Assert.False(reply.IsError, reply.Text);
        Assert.Null(_cluster.Cluster.Pod("checkout", pod.Name));
        Assert.True(_cluster.Cluster.Node("ip-10-0-2-15.eu-west-1.compute.internal").Unschedulable);
        var outcome = await run.LogAsync("action.outcome", reply.RequestId);
        Assert.Equal(("label-pod", "succeeded"), (outcome["action"]!.GetValue<string>(), outcome["outcome"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Invoke_ForgedRecordsAboutARealPod_AreUntrustedAndTheClusterIsUntouched()
    {
        _cluster.Cluster.AddBarePod("payments", "api-7d9f8b6c5d-x2k4q", "ip-10-0-2-15.eu-west-1.compute.internal");
        await using var run = await StartAsync();

        var reply = await run.InvokeAsync(ForgedRecords.Document("container-insights-workload"));

        Assert.False(reply.IsError, reply.Text);
        Assert.Equal(1, reply.Json["summary"]!["rejected"]!.GetValue<int>());
        var rejected = await run.LogAsync("record.rejected", reply.RequestId);
        Assert.Equal("untrusted", rejected["code"]!.GetValue<string>());
        Assert.Equal(ForgedRecords.Message("container-insights-workload"), rejected["reason"]!.GetValue<string>());
        Assert.Empty(_cluster.Requests);
        Assert.NotNull(_cluster.Cluster.Pod("payments", "api-7d9f8b6c5d-x2k4q"));
    }

    [Fact]
    public async Task Invoke_ApiServerKeepsFailing_FailsTheInvocationForLambdaToRetry_AndTheRetryFinishesTheJob()
    {
        var pod = _cluster.Cluster.AddBarePod("checkout", "checkout-6f7b8c9d0-zz9yy", "ip-10-0-2-15.eu-west-1.compute.internal");
        _cluster.Faults.Inject(FakeFault.ServiceUnavailable(), "DELETE", "/api/v1/namespaces/checkout/pods/*", times: 3);
        await using var run = await StartAsync();
        var delivery = Envelopes.CloudWatch([Fixtures.Alert("drop-and-execute")]);

        var first = await run.InvokeAsync(delivery);
        var retry = await run.InvokeAsync(delivery);

        Assert.True(first.IsError);
        Assert.Equal("Responder.RetryableFailure", first.ErrorTypeHeader);
        Assert.Contains("delete-pod", first.Text, StringComparison.Ordinal);
        Assert.False(retry.IsError, retry.Text);
        Assert.Null(_cluster.Cluster.Pod("checkout", pod.Name));
        // The retry finds the label and the cordon already in place: nothing is done twice.
        Assert.Single(_cluster.Requests, r => r is { Method: "PATCH", StatusCode: 200 } && r.Path.StartsWith("/api/v1/nodes/", StringComparison.Ordinal));
    }
}
