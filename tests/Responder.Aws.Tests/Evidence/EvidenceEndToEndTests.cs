using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Responder.Aws.Http;
using Responder.Aws.Sns;
using Responder.Aws.Tests.Moto;
using Responder.Aws.Tests.Sns;
using Responder.Core.Ranking;
using Responder.Harness.Kubernetes;
using Responder.Harness.Servers;
using Responder.Harness;
using Responder.Hosting;
using Responder.Kubernetes;
using k8s;

namespace Responder.Aws.Tests.Evidence;

/// <summary>
/// A critical container escape under the default rules with an evidence bucket, live against the fakes: the fake API
/// server for the cluster, moto for S3, EC2 and SNS, wired as ClusterPorts wires them from the configuration and the
/// endpoint variables. The pod's evidence is in S3 before its delete is asked for, the node's disks are snapshotted,
/// and the notifications link both.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class EvidenceEndToEndTests(MotoFixture moto) : IAsyncLifetime
{
    private FakeApiServer _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await FakeApiServer.StartAsync();
        _cluster.Cluster.AddNodes("n1", "n2");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ContainerEscape_DefaultRulesWithABucket_EvidenceInS3BeforeTheDelete_SnapshotsStarted_NotificationsLinkBoth()
    {
        var bucket = await MotoAws.BucketAsync(moto.Server, objectLock: true);
        var (instance, zone) = await MotoAws.InstanceAsync(moto.Server);
        var node = $"ip-10-0-2-41.{MotoServer.Region}.compute.internal";
        _cluster.Cluster.Add(new NodeBuilder(node).ProviderId($"aws:///{zone}/{instance}"));
        var pod = _cluster.Cluster.Add(new PodBuilder("batch", "report-job-28551234-kq8zt").OnNode(node).Restarted("app"));
        _cluster.Cluster.WriteLog("batch", pod.Name, "app", "echo 1 > /sys/fs/cgroup/release_agent\n");
        _cluster.Cluster.WriteLog("batch", pod.Name, "app", "job started\n", previous: true);
        var (topic, queue) = await moto.Server.Topics.TopicWithQueueAsync($"evidence-{Guid.NewGuid():N}");

        var environment = new Dictionary<string, string>
        {
            ["RESPONDER_DRY_RUN"] = "false",
            ["RESPONDER_CLUSTER_NAME"] = "prod",
            ["RESPONDER_EVIDENCE_BUCKET"] = bucket,
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ENDPOINT_URL_S3"] = moto.Server.Endpoint.AbsoluteUri,
            ["AWS_ENDPOINT_URL_EC2"] = moto.Server.Endpoint.AbsoluteUri,
        };
        var config = TestConfig.From(null, environment);
        var evidence = ClusterPorts.Evidence(config, name => environment.GetValueOrDefault(name), MotoServer.Credentials);
        using var kube = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = _cluster.Host, SslCaCerts = _cluster.Authority, AccessToken = _cluster.Token });
        using var port = new KubernetesClusterActions(_ => Task.FromResult<IKubernetes>(kube), config.Containment, TimeProvider.System, evidence);
        var notifier = new SnsNotifier(
            new SnsClient(AwsHttp.Create(MotoServer.Credentials, "us-east-1", "sns", retryDelay: TimeSpan.FromMilliseconds(5)), moto.Server.Endpoint),
            new NotificationContext(topic, "prod", config.Notifications.MaxMessages));

        // What S3 holds when the delete reaches the API server: the delete waits there while the bucket is listed.
        using var s3 = MotoAws.S3(moto.Server);
        var deletes = _cluster.Hold(r => r.Method == "DELETE");
        var running = NotifierHarness.RunAsync(config, notifier, port, Envelopes.CloudWatch([NotifierHarness.Escape()]));
        var deleteArrived = deletes.WaitingAsync(1);
        Assert.Same(deleteArrived, await Task.WhenAny(deleteArrived, running));
        List<string> storedAtDelete = [.. (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects.Select(o => o.Key)];
        deletes.Release();
        var report = await running;

        var actions = report["alerts"]![0]!["actions"]!.AsArray().Select(a => ((string)a!["action"]!, (string)a["status"]!, (string?)a["reason"])).ToList();
        Assert.Equal(
            ["label-pod", "cordon-node", "collect-evidence", "snapshot-node", "delete-pod", "notify"],
            actions.Select(a => a.Item1));
        Assert.All(actions, a => Assert.Equal("succeeded", a.Item2));
        var folder = $"falco-responder/prod/batch/{pod.Name}/{pod.Uid}/{Core.Evidence.EvidenceKeys.Segment((string)report["alerts"]![0]!["id"]!)}/";
        var evidenceReason = actions[2].Item3!;
        Assert.StartsWith($"s3://{bucket}/{folder} (pod.json, 2 logs, alert.json, decision.json)", evidenceReason, StringComparison.Ordinal);

        string[] keys = ["alert.json", "decision.json", "logs/app.log", "logs/app.previous.log", "pod.json"];
        Assert.Equal(keys.Select(k => folder + k), storedAtDelete.Order(StringComparer.Ordinal));
        Assert.Null(_cluster.Cluster.Pod("batch", pod.Name));
        using (var log = await s3.GetObjectAsync(bucket, folder + "logs/app.previous.log"))
        using (var reader = new StreamReader(log.ResponseStream))
        {
            Assert.Equal("job started\n", await reader.ReadToEndAsync());
            Assert.Equal("GOVERNANCE", log.ObjectLockMode.Value);
        }

        var snapshots = await MotoAws.SnapshotsTaggedAsync(moto.Server, "falco-responder:alert-id", (string)report["alerts"]![0]!["id"]!);
        Assert.Equal(2, snapshots.Count);
        Assert.All(snapshots, s => Assert.Contains(s.SnapshotId, actions[3].Item3!, StringComparison.Ordinal));
        Assert.Contains($"of instance {instance} in {zone}: started, not waited for", actions[3].Item3!, StringComparison.Ordinal);

        var messages = await moto.Server.Topics.ReceiveAsync(queue, 2);
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Contains("Evidence:\n", m.Body(), StringComparison.Ordinal);
            Assert.Contains($"  logs and manifest of batch/{pod.Name}: s3://{bucket}/{folder}", m.Body(), StringComparison.Ordinal);
            Assert.Contains($"  disk snapshots of {node}: {snapshots[0].SnapshotId[..5]}", m.Body(), StringComparison.Ordinal);
        });
        Assert.Contains(messages, m => m.Subject().Contains("evidence kept, snapshotted, deleted", StringComparison.Ordinal));
    }
}
