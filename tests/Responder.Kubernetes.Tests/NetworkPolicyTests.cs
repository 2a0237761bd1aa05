using System.Net;
using k8s;
using k8s.Models;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>Isolation: a deny-all NetworkPolicy selecting the quarantine label.</summary>
public sealed class NetworkPolicyTests : FakeServerTest
{
    private static V1NetworkPolicy Quarantine(string name) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "falco-responder" } },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["falco-responder/quarantine"] = "true" } },
            PolicyTypes = ["Ingress", "Egress"],
        },
    };

    [Fact]
    public async Task CreateNamespacedNetworkPolicy_New_Returns201AndStoresIt()
    {
        var created = await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Quarantine("quarantine"), "shop");

        Assert.Equal("shop", created.Metadata.NamespaceProperty);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.True(Cluster.NetworkPolicyExists("shop", "quarantine"));
        Assert.False(Cluster.NetworkPolicyExists("other", "quarantine"));
        var request = Fake.Requests.Single();
        Assert.Equal(("POST", "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies", 201), (request.Method, request.Path, request.StatusCode));
        var read = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("quarantine", "shop");
        Assert.Equal("true", read.Spec.PodSelector.MatchLabels["falco-responder/quarantine"]);
    }

    [Fact]
    public async Task CreateNamespacedNetworkPolicy_Twice_SecondFails409AlreadyExists()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Quarantine("quarantine"), "shop");

        var status = await FakeClient.FailsWithAsync(HttpStatusCode.Conflict,
            () => Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Quarantine("quarantine"), "shop"));

        Assert.Equal("AlreadyExists", (string?)status["reason"]);
        Assert.Equal("networkpolicies.networking.k8s.io \"quarantine\" already exists", (string?)status["message"]);
    }

    [Fact]
    public async Task ListNamespacedNetworkPolicy_Existing_ListsOnlyThatNamespace()
    {
        Cluster.AddNetworkPolicy("shop", "quarantine", "falco-responder/quarantine", "true");
        Cluster.AddNetworkPolicy("other", "quarantine", "falco-responder/quarantine", "true");

        var list = await Client.NetworkingV1.ListNamespacedNetworkPolicyAsync("shop");

        Assert.Equal("shop", Assert.Single(list.Items).Metadata.NamespaceProperty);
    }

    [Fact]
    public async Task DeleteNamespacedNetworkPolicy_Existing_ReturnsSuccessStatus()
    {
        var policy = Cluster.AddNetworkPolicy("shop", "quarantine", "falco-responder/quarantine", "true");

        var status = await Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("quarantine", "shop");

        Assert.Equal(("Success", "quarantine", policy.Uid), (status.Status, status.Details.Name, status.Details.Uid));
        Assert.False(Cluster.NetworkPolicyExists("shop", "quarantine"));
        await FakeClient.FailsWithAsync(HttpStatusCode.NotFound, () => Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("quarantine", "shop"));
    }
}
