using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.Harness.Kubernetes;
using Responder.TestSupport;

namespace Responder.Lambda.Tests;

/// <summary>
/// The published bootstrap behind a Kinesis event source mapping with ReportBatchItemFailures, reaching the
/// fake API server: a record whose action fails retryably is handed back by sequence number, and only it.
/// </summary>
[Collection(BootstrapCollection.Name)]
public sealed class KinesisTests(PublishedBootstrap bootstrap) : IAsyncLifetime
{
    private const string Node = "ip-10-0-2-15.eu-west-1.compute.internal";
    private readonly string _directory = Directory.CreateTempSubdirectory("responder-kinesis-").FullName;
    private FakeApiServer _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeApiServer.StartAsync();
        _cluster.Cluster.AddNodes(Node, "ip-10-0-2-16.eu-west-1.compute.internal", "ip-10-0-2-17.eu-west-1.compute.internal");
        await File.WriteAllTextAsync(Path.Combine(_directory, "ca.pem"), _cluster.AuthorityPem);
        await File.WriteAllTextAsync(Path.Combine(_directory, "token"), _cluster.Token);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Invoke_OneRecordsDeleteKeepsFailing_OnlyThatSequenceNumberIsRetried()
    {
        _cluster.Cluster.AddBarePod("checkout", "checkout-1", Node);
        _cluster.Cluster.AddBarePod("cart", "cart-1", Node);
        _cluster.Faults.Inject(FakeFault.ServiceUnavailable(), "DELETE", "/api/v1/namespaces/cart/pods/*", times: 100);
        await using var run = await StartAsync();
        var delivery = Envelopes.Kinesis([Alert("checkout", "checkout-1")], [Alert("cart", "cart-1")], ["not an alert"]);
        var sequences = JsonNode.Parse(delivery)!["Records"]!.AsArray().Select(r => r!["kinesis"]!["sequenceNumber"]!.GetValue<string>()).ToList();

        var reply = await run.InvokeAsync(delivery);

        Assert.False(reply.IsError, reply.Text);
        Assert.Equal($"{{\"batchItemFailures\":[{{\"itemIdentifier\":\"{sequences[1]}\"}}]}}", reply.Text);
        Assert.Null(_cluster.Cluster.Pod("checkout", "checkout-1"));
        Assert.NotNull(_cluster.Cluster.Pod("cart", "cart-1"));
        var logged = await run.LogAsync("batch.items-failed", reply.RequestId);
        Assert.Contains(sequences[1], logged["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_EveryRecordSucceeds_AnswersAnEmptyList()
    {
        _cluster.Cluster.AddBarePod("checkout", "checkout-1", Node);
        _cluster.Cluster.AddBarePod("cart", "cart-1", Node);
        await using var run = await StartAsync();

        var reply = await run.InvokeAsync(Envelopes.Kinesis([Alert("checkout", "checkout-1")], [Alert("cart", "cart-1")]));

        Assert.False(reply.IsError, reply.Text);
        Assert.Equal("{\"batchItemFailures\":[]}", reply.Text);
        Assert.Empty(_cluster.Cluster.Pods());
    }

    private Task<LambdaRun> StartAsync() => LambdaRun.StartAsync(bootstrap, "contain", new()
    {
        ["RESPONDER_DRY_RUN"] = "false",
        ["RESPONDER_CLUSTER_NAME"] = "falco-prod",
        ["RESPONDER_CLUSTER_ENDPOINT"] = _cluster.Host,
        ["RESPONDER_CLUSTER_CA_FILE"] = Path.Combine(_directory, "ca.pem"),
        ["RESPONDER_CLUSTER_TOKEN_FILE"] = Path.Combine(_directory, "token"),
    });

    private static string Alert(string ns, string pod)
    {
        var alert = Fixtures.AlertNode("drop-and-execute");
        alert["output_fields"]!["k8s.ns.name"] = ns;
        alert["output_fields"]!["k8s.pod.name"] = pod;
        return alert.ToJsonString();
    }
}
