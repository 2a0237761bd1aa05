using Amazon.S3.Model;
using Responder.Harness;
using Responder.Harness.Kubernetes;
using Responder.Harness.Servers;

namespace Responder.Lambda.Tests;

/// <summary>
/// The published bootstrap (Native AOT) keeping evidence: the pod's logs and manifest in moto's S3 before its delete, and
/// the node's snapshots in moto's EC2, configured by the template's variables alone.
/// </summary>
[Collection(BootstrapCollection.Name)]
public sealed class EvidenceTests(PublishedBootstrap bootstrap) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("responder-evidence-").FullName;
    private FakeApiServer _cluster = null!;
    private MotoServer _moto = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeApiServer.StartAsync();
        _moto = await MotoServer.StartAsync();
        _cluster.Cluster.AddNodes("ip-10-0-2-16.eu-west-1.compute.internal", "ip-10-0-2-17.eu-west-1.compute.internal");
        await File.WriteAllTextAsync(Path.Combine(_directory, "ca.pem"), _cluster.AuthorityPem);
        await File.WriteAllTextAsync(Path.Combine(_directory, "token"), _cluster.Token);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _moto.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Invoke_ContainerEscapeWithAnEvidenceBucket_KeepsLogsAndManifestBeforeTheDelete_AndSnapshotsTheNode()
    {
        var bucket = await MotoAws.BucketAsync(_moto);
        var (instance, zone) = await MotoAws.InstanceAsync(_moto);
        const string Node = "ip-10-0-2-41.eu-west-1.compute.internal";
        _cluster.Cluster.Add(new NodeBuilder(Node).ProviderId($"aws:///{zone}/{instance}"));
        var pod = _cluster.Cluster.Add(new PodBuilder("batch", "report-job-28551234-kq8zt").OnNode(Node).Restarted("app"));
        _cluster.Cluster.WriteLog("batch", pod.Name, "app", "mount -t cgroup ...\n");
        _cluster.Cluster.WriteLog("batch", pod.Name, "app", "job started\n", previous: true);
        using var s3 = MotoAws.S3(_moto);
        // The delete waits at the API server while the bucket is listed: what S3 holds when it arrives.
        var deletes = _cluster.Hold(r => r.Method == "DELETE");
        await using var run = await LambdaRun.StartAsync(bootstrap, "contain", new()
        {
            ["RESPONDER_DRY_RUN"] = "false",
            ["RESPONDER_CLUSTER_NAME"] = "falco-prod",
            ["RESPONDER_CLUSTER_ENDPOINT"] = _cluster.Host,
            ["RESPONDER_CLUSTER_CA_FILE"] = Path.Combine(_directory, "ca.pem"),
            ["RESPONDER_CLUSTER_TOKEN_FILE"] = Path.Combine(_directory, "token"),
            ["RESPONDER_EVIDENCE_BUCKET"] = bucket,
            ["RESPONDER_EVIDENCE_PREFIX"] = "evidence/",
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ENDPOINT_URL_S3"] = _moto.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_EC2"] = _moto.Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = "AKIDMOTO",
            ["AWS_SECRET_ACCESS_KEY"] = "moto-secret",
        });

        var invoked = run.InvokeAsync(Envelopes.CloudWatch([Fixtures.Alert("release-agent-escape")]));
        var deleteArrived = deletes.WaitingAsync(1);
        Assert.Same(deleteArrived, await Task.WhenAny(deleteArrived, invoked));
        var storedAtDelete = (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects.Count;
        deletes.Release();
        var reply = await invoked;

        Assert.False(reply.IsError, reply.Text);
        var keys = (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects.Select(o => o.Key).ToList();
        var folder = $"evidence/falco-prod/batch/{pod.Name}/{pod.Uid}/";
        Assert.Equal(["alert.json", "decision.json", "logs/app.log", "logs/app.previous.log", "pod.json"],
            keys.Select(k => k[(k.IndexOf('/', folder.Length) + 1)..]).Order(StringComparer.Ordinal));
        Assert.All(keys, k => Assert.StartsWith(folder, k, StringComparison.Ordinal));
        Assert.Equal(5, storedAtDelete);
        Assert.Null(_cluster.Cluster.Pod("batch", pod.Name));
        var outcome = await run.LogAsync("alert.decided", reply.RequestId);
        var actions = outcome["actions"]!.AsArray().Select(a => (a!["action"]!.GetValue<string>(), a["status"]!.GetValue<string>())).ToList();
        Assert.Contains(("collect-evidence", "succeeded"), actions);
        Assert.Contains(("snapshot-node", "succeeded"), actions);
        Assert.Equal(2, (await MotoAws.SnapshotsTaggedAsync(_moto, "falco-responder:cluster", "falco-prod")).Count);
    }
}
