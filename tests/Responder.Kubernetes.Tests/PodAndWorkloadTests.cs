using System.Net;
using k8s;
using k8s.Models;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>Pods and their owners through the real KubernetesClient.Aot: reads, selectors, owner chains and label patches.</summary>
public sealed class PodAndWorkloadTests : FakeServerTest
{
    [Fact]
    public async Task PatchNamespacedPod_ManyAtOnce_AllAppliedWithDistinctResourceVersions()
    {
        var web = Cluster.AddDeployment("shop", "web", [.. Enumerable.Repeat("n1", 40)]);

        var patched = await Task.WhenAll(web.Pods.Select(p => Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"falco-responder/quarantine":"true"}}}""", V1Patch.PatchType.MergePatch), p.Name, "shop")));

        Assert.All(Cluster.Pods("shop"), p => Assert.Equal("true", p.Labels["falco-responder/quarantine"]));
        Assert.Equal(40, patched.Select(p => p.Metadata.ResourceVersion).Distinct().Count());
        Assert.Equal(40, Fake.Requests.Count);
    }

    [Fact]
    public async Task ReadNamespacedPod_DeploymentPod_HasOwnerChainToDeployment()
    {
        var web = Cluster.AddDeployment("shop", "web", "n1", "n2");

        var pod = await Client.CoreV1.ReadNamespacedPodAsync(web.Pods[0].Name, "shop");
        var owner = Assert.Single(pod.Metadata.OwnerReferences);
        var replicaSet = await Client.AppsV1.ReadNamespacedReplicaSetAsync(owner.Name, "shop");
        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync(replicaSet.Metadata.OwnerReferences.Single().Name, "shop");

        Assert.Equal(("ReplicaSet", true), (owner.Kind, owner.Controller == true));
        Assert.Equal(replicaSet.Metadata.Uid, owner.Uid);
        Assert.Equal(("n1", "Running"), (pod.Spec.NodeName, pod.Status.Phase));
        Assert.Equal(2, replicaSet.Spec.Replicas);
        Assert.Equal(2, replicaSet.Status.ReadyReplicas);
        Assert.Equal("web", deployment.Metadata.Name);
        Assert.Equal((2, 2, 2), (deployment.Spec.Replicas, deployment.Status.Replicas, deployment.Status.ReadyReplicas));
        Assert.Equal(web.Workload.Uid, replicaSet.Metadata.OwnerReferences.Single().Uid);
    }

    [Fact]
    public async Task ReadNamespacedStatefulSetAndDaemonSet_FixtureWorkloads_CarryRealReplicaCounts()
    {
        var db = Cluster.AddStatefulSet("shop", "db", "n1", "n2", "n1");
        var falco = Cluster.AddDaemonSet("falco", "falco", "n1", "n2");

        var set = await Client.AppsV1.ReadNamespacedStatefulSetAsync("db", "shop");
        var daemons = await Client.AppsV1.ReadNamespacedDaemonSetAsync("falco", "falco");
        var sets = await Client.AppsV1.ListNamespacedStatefulSetAsync("shop");

        Assert.Equal(["db-0", "db-1", "db-2"], db.Pods.Select(p => p.Name));
        Assert.Equal((3, 3), (set.Spec.Replicas, set.Status.ReadyReplicas));
        Assert.Equal((2, 2), (daemons.Status.DesiredNumberScheduled, daemons.Status.NumberReady));
        Assert.Equal("DaemonSet", falco.Pods[1].Owners.Single().Kind);
        Assert.Equal("n2", falco.Pods[1].NodeName);
        Assert.Equal("db", Assert.Single(sets.Items).Metadata.Name);
    }

    [Fact]
    public async Task ReadNamespacedReplicaSet_Missing_Fails404WithQualifiedName()
    {
        var status = await FakeClient.FailsWithAsync(HttpStatusCode.NotFound, () => Client.AppsV1.ReadNamespacedReplicaSetAsync("ghost", "shop"));

        Assert.Equal("replicasets.apps \"ghost\" not found", (string?)status["message"]);
        Assert.Equal("apps", (string?)status["details"]!["group"]);
    }

    [Fact]
    public async Task ListNamespacedPod_FieldSelectorNodeName_ReturnsOnlyThatNodesPods()
    {
        Cluster.AddDeployment("shop", "web", "n1", "n2", "n1");
        Cluster.AddBarePod("other", "debug", "n1");

        var onN1 = await Client.CoreV1.ListNamespacedPodAsync("shop", fieldSelector: "spec.nodeName=n1");
        var everywhere = await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=n1");

        Assert.Equal(2, onN1.Items.Count);
        Assert.All(onN1.Items, p => Assert.Equal("n1", p.Spec.NodeName));
        Assert.Equal(3, everywhere.Items.Count);
        Assert.Equal("spec.nodeName=n1", Fake.Requests[0].QueryValue("fieldSelector"));
    }

    [Fact]
    public async Task ListNamespacedPod_LabelSelector_FiltersByLabels()
    {
        Cluster.AddDeployment("shop", "web", "n1");
        Cluster.AddStatefulSet("shop", "db", "n2");

        var web = await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app=web");
        var notWeb = await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "app notin (web),statefulset.kubernetes.io/pod-name");

        Assert.StartsWith("web-", Assert.Single(web.Items).Metadata.Name);
        Assert.Equal("db-0", Assert.Single(notWeb.Items).Metadata.Name);
    }

    [Fact]
    public async Task ListNamespacedPod_UnsupportedField_Fails400()
    {
        var status = await FakeClient.FailsWithAsync(HttpStatusCode.BadRequest, () => Client.CoreV1.ListNamespacedPodAsync("shop", fieldSelector: "spec.hostname=x"));

        Assert.Equal("field label not supported: spec.hostname", (string?)status["message"]);
    }

    [Fact]
    public async Task PatchNamespacedPod_MergePatchLabelsAndAnnotations_MergesIntoExistingMaps()
    {
        var pod = Cluster.AddBarePod("shop", "web-1", "n1");

        await Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(
            """{"metadata":{"labels":{"falco-responder/quarantine":"true"},"annotations":{"falco-responder/reason":"Terminal shell in container"}}}""",
            V1Patch.PatchType.MergePatch), "web-1", "shop");

        var after = Cluster.Pod("shop", "web-1")!;
        Assert.Equal("true", after.Labels["falco-responder/quarantine"]);
        Assert.Equal("web-1", after.Labels["app"]);
        Assert.Equal("Terminal shell in container", after.Annotations["falco-responder/reason"]);
        Assert.Equal(pod.Uid, after.Uid);
    }
}
