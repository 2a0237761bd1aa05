using Responder.Core.Evidence;
using Responder.Harness;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>snapshot-node against the fake API server: the instance found from the node's providerID, the tags, the refusals.</summary>
public sealed class SnapshotTests : ContainmentTest
{
    private const string Host = "ip-10-0-4-4.eu-west-1.compute.internal";

    private static string KernelModule() => Fixtures.Alert("kernel-module-host");

    [Fact]
    public async Task KernelModuleLoadedOnTheHost_DefaultRules_StartsSnapshotsOfTheHostsInstanceTaggedWithTheAlert()
    {
        Cluster.Add(new NodeBuilder(Host).ProviderId("aws:///eu-west-1b/i-0abcdef0123456789"));

        var report = await RespondAsync(KernelModule());

        Assert.Equal(
            ["snapshot-node succeeded: snap-00000000000000001 (vol-0abcdef0123456789-root), snap-00000000000000002 (vol-0abcdef0123456789-data) of instance i-0abcdef0123456789 in eu-west-1b: started, not waited for",
                "notify planned"],
            ReportActions.Of(report));
        var request = Assert.Single(Snapshots.Requests);
        Assert.Equal("i-0abcdef0123456789", request.InstanceId);
        Assert.Equal((string)report["alerts"]![0]!["id"]!, request.Tags["falco-responder:alert-id"]);
        Assert.Equal(("Linux Kernel Module Injection Detected", ClusterName, Host),
            (request.Tags["falco-responder:rule"], request.Tags["falco-responder:cluster"], request.Tags["falco-responder:node"]));
        Assert.StartsWith("Falco Responder: Linux Kernel Module Injection Detected on node " + Host, request.Description, StringComparison.Ordinal);
        // Nothing in the cluster is written for a snapshot.
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task ContainerEscape_SnapshotsThePodsNode_NotTheAlertsHostname()
    {
        var pod = Cluster.AddDeployment("batch", "report", "n2").Pods[0];
        var alert = Fixtures.AlertNode("release-agent-escape");
        alert["output_fields"]!["k8s.ns.name"] = "batch";
        alert["output_fields"]!["k8s.pod.name"] = pod.Name;
        alert["hostname"] = "n1";

        var report = await RespondAsync(alert.ToJsonString());

        Assert.Equal("n2", ReportActions.Action(report, "snapshot-node")["target"]!.GetValue<string>());
        Assert.Equal("n2", Assert.Single(Snapshots.Requests).Tags["falco-responder:node"]);
    }

    [Fact]
    public async Task NodeWithoutProviderId_IsSkippedSayingItNamesNoInstance()
    {
        Cluster.Add(new NodeBuilder(Host).ProviderId(null));

        var report = await RespondAsync(KernelModule());

        Assert.Equal($"snapshot-node skipped: no-instance: node {Host} names no EC2 instance (spec.providerID is not set): its disks cannot be snapshotted", ReportActions.Of(report)[0]);
        Assert.Empty(Snapshots.Requests);
    }

    [Theory]
    [InlineData("aws:///us-east-1b/fargate-ip-192-168-1-1.ec2.internal", "no-instance: ")]
    [InlineData("aws:///us-east-1a/i-0abcdef0123456789", "other-region: instance i-0abcdef0123456789 of node " + Host + " is in us-east-1a, outside eu-west-1")]
    public async Task NodeNotAnInstanceOfTheRegion_IsSkipped(string providerId, string reason)
    {
        Cluster.Add(new NodeBuilder(Host).ProviderId(providerId));

        var report = await RespondAsync(KernelModule());

        Assert.Equal("skipped", ReportActions.Status(report, "snapshot-node"));
        Assert.StartsWith(reason, ReportActions.Reason(report, "snapshot-node"), StringComparison.Ordinal);
        Assert.Empty(Snapshots.Requests);
    }

    [Fact]
    public async Task ProtectedNode_IsStillSnapshotted()
    {
        Cluster.Add(new NodeBuilder(Host).Label("node-role.kubernetes.io/control-plane", ""));

        var report = await RespondWithAsync("[policy]\nprotected_nodes = [\"ip-10-0-4-*\"]", KernelModule());

        Assert.Equal("succeeded", ReportActions.Status(report, "snapshot-node"));
        Assert.Single(Snapshots.Requests);
    }

    [Fact]
    public async Task Ec2Refuses_FailsWithItsWords_RetryableAsItSays()
    {
        Cluster.Add(new NodeBuilder(Host));
        Snapshots.Failure = new EvidenceException("EC2 CreateSnapshots of i-1: RequestLimitExceeded: Request limit exceeded.", retryable: true);

        var outcome = Assert.Single(await OutcomesAsync(null, KernelModule()));

        var snapshot = outcome.Actions.Single(a => a.Kind == Core.Policy.ActionKind.SnapshotNode);
        Assert.Equal((Core.Policy.ActionStatus.Failed, "snapshots: EC2 CreateSnapshots of i-1: RequestLimitExceeded: Request limit exceeded.", true),
            (snapshot.Status, snapshot.Reason, snapshot.Retryable));
    }

    [Fact]
    public async Task SnapshotLimit_CountsEachNodeOnce_AndSkipsPastIt()
    {
        Cluster.AddNodes("h1", "h2", "h3");
        string Module(string host, string module = "rootkit.ko")
        {
            var alert = Fixtures.AlertNode("kernel-module-host");
            alert["hostname"] = host;
            alert["output"] = alert["output"]!.GetValue<string>().Replace("rootkit.ko", module, StringComparison.Ordinal);
            return alert.ToJsonString();
        }

        // Two alerts about h1 (not repeats: other modules) take one slot; h3 finds the limit reached.
        var report = await RespondWithAsync("[state]\nmax_snapshots = 2", Module("h1"), Module("h1", "other.ko"), Module("h2"), Module("h3"));

        Assert.Equal(["succeeded", "succeeded", "succeeded", "skipped"], Enumerable.Range(0, 4).Select(i => ReportActions.Status(report, "snapshot-node", i)));
        Assert.StartsWith("rate-limited: 2 snapshots (snapshot-node) per 1h reached on cluster", ReportActions.Reason(report, "snapshot-node", 3), StringComparison.Ordinal);
        Assert.Equal(2, Snapshots.Requests.Count);
    }
}
