using System.Net;
using k8s;
using k8s.Models;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>Nodes through the real KubernetesClient.Aot: reading them, and cordoning and tainting them with each patch format.</summary>
public sealed class FakeApiServerTests : FakeServerTest
{
    [Fact]
    public async Task ListNode_TwoNodes_ReturnsBothReadyAndSchedulable()
    {
        var nodes = await Client.CoreV1.ListNodeAsync();

        Assert.Equal(["n1", "n2"], nodes.Items.Select(n => n.Metadata.Name));
        Assert.All(nodes.Items, n => Assert.Contains(n.Status.Conditions, c => c.Type == "Ready" && c.Status == "True"));
        Assert.All(nodes.Items, n => Assert.NotEqual(true, n.Spec.Unschedulable));
        Assert.Equal("GET", Fake.Requests.Single().Method);
        Assert.Equal("/api/v1/nodes", Fake.Requests.Single().Path);
    }

    [Fact]
    public async Task ReadNode_WithTaint_ReturnsTaintAndIdentity()
    {
        Cluster.Add(new NodeBuilder("n3").Taint("dedicated", "falco", "NoSchedule").Label("role", "edge"));

        var node = await Client.CoreV1.ReadNodeAsync("n3");

        var taint = Assert.Single(node.Spec.Taints);
        Assert.Equal(("dedicated", "falco", "NoSchedule"), (taint.Key, taint.Value, taint.Effect));
        Assert.Equal("edge", node.Metadata.Labels["role"]);
        Assert.Equal(Cluster.Node("n3").Uid, node.Metadata.Uid);
        Assert.False(string.IsNullOrEmpty(node.Metadata.ResourceVersion));
        Assert.NotNull(node.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task PatchNode_MergePatchUnschedulable_CordonsAndBumpsResourceVersion()
    {
        var before = Cluster.Node("n1").ResourceVersion;

        var patched = await Client.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.MergePatch), "n1");

        Assert.True(patched.Spec.Unschedulable);
        Assert.True(Cluster.Node("n1").Unschedulable);
        Assert.False(Cluster.Node("n2").Unschedulable);
        Assert.NotEqual(before, Cluster.Node("n1").ResourceVersion);
        Assert.Equal(patched.Metadata.ResourceVersion, Cluster.Node("n1").ResourceVersion);
        var request = Fake.Requests.Single();
        Assert.Equal(("PATCH", "/api/v1/nodes/n1", "application/merge-patch+json"), (request.Method, request.Path, request.MediaType));
        Assert.Equal("""{"spec":{"unschedulable":true}}""", request.Body);
    }

    [Fact]
    public async Task PatchNode_CordonTwice_SecondPatchChangesNothingAndKeepsResourceVersion()
    {
        var cordon = new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.StrategicMergePatch);
        var first = await Client.CoreV1.PatchNodeAsync(cordon, "n1");

        var second = await Client.CoreV1.PatchNodeAsync(cordon, "n1");

        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(first.Metadata.ResourceVersion, Cluster.Node("n1").ResourceVersion);
    }

    [Fact]
    public async Task PatchNode_StrategicMergePatchTaints_ReplacesTheWholeList()
    {
        Cluster.Add(new NodeBuilder("n3").Taint("a", null, "NoSchedule"));

        await Client.CoreV1.PatchNodeAsync(
            new V1Patch("""{"spec":{"taints":[{"key":"quarantine","value":"falco","effect":"NoExecute"}]}}""", V1Patch.PatchType.StrategicMergePatch), "n3");

        Assert.Equal([new TaintSnapshot("quarantine", "falco", "NoExecute")], Cluster.Node("n3").Taints);
    }

    [Fact]
    public async Task PatchNode_JsonPatchWithCurrentResourceVersionTest_AppendsTaint()
    {
        Cluster.Add(new NodeBuilder("n3").Taint("a", null, "NoSchedule"));
        var node = await Client.CoreV1.ReadNodeAsync("n3");

        await Client.CoreV1.PatchNodeAsync(new V1Patch($$$"""
            [{"op":"test","path":"/metadata/resourceVersion","value":"{{{node.Metadata.ResourceVersion}}}"},
             {"op":"add","path":"/spec/taints/-","value":{"key":"quarantine","effect":"NoSchedule"}}]
            """, V1Patch.PatchType.JsonPatch), "n3");

        Assert.Equal(["a", "quarantine"], Cluster.Node("n3").Taints.Select(t => t.Key));
    }

    [Fact]
    public async Task PatchNode_JsonPatchWithStaleResourceVersionTest_Fails422AndChangesNothing()
    {
        var stale = (await Client.CoreV1.ReadNodeAsync("n1")).Metadata.ResourceVersion;
        Cluster.Add(new NodeBuilder("n3"));
        var before = Cluster.Node("n1").ResourceVersion;
        Assert.NotEqual(stale, Cluster.ResourceVersion);

        var status = await FakeClient.FailsWithAsync(HttpStatusCode.UnprocessableEntity, () => Client.CoreV1.PatchNodeAsync(new V1Patch(
            $$"""[{"op":"test","path":"/metadata/resourceVersion","value":"{{Cluster.ResourceVersion}}"},{"op":"add","path":"/spec/unschedulable","value":true}]""",
            V1Patch.PatchType.JsonPatch), "n1"));

        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.False(Cluster.Node("n1").Unschedulable);
        Assert.Equal(before, Cluster.Node("n1").ResourceVersion);
    }

    [Fact]
    public async Task PatchNode_MergePatchCarryingStaleResourceVersion_Fails409()
    {
        var status = await FakeClient.FailsWithAsync(HttpStatusCode.Conflict, () => Client.CoreV1.PatchNodeAsync(
            new V1Patch("""{"metadata":{"resourceVersion":"1"},"spec":{"unschedulable":true}}""", V1Patch.PatchType.MergePatch), "n1"));

        Assert.Equal("Conflict", (string?)status["reason"]);
        Assert.False(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task PatchNode_ApplyPatch_Fails415()
    {
        var status = await FakeClient.FailsWithAsync(HttpStatusCode.UnsupportedMediaType, () => Client.CoreV1.PatchNodeAsync(
            new V1Patch("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}}""", V1Patch.PatchType.ApplyPatch), "n1", fieldManager: "test"));

        Assert.Equal("UnsupportedMediaType", (string?)status["reason"]);
    }

    [Fact]
    public async Task PatchNode_Missing_Fails404()
    {
        var status = await FakeClient.FailsWithAsync(HttpStatusCode.NotFound, () => Client.CoreV1.PatchNodeAsync(
            new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.MergePatch), "ghost"));

        Assert.Equal("nodes \"ghost\" not found", (string?)status["message"]);
    }
}
