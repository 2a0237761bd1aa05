using System.Text.Json.Nodes;
using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests;

/// <summary>labelSelector and fieldSelector as the server reads them.</summary>
public sealed class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app", true)]
    [InlineData("!app", false)]
    [InlineData("!missing", true)]
    [InlineData("app in (db, web)", true)]
    [InlineData("app notin (db,web)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("app in (web),tier", true)]
    public void LabelSelector_Requirement_MatchesAsTheServerDoes(string selector, bool matches)
    {
        Assert.Equal(matches, Harness.Kubernetes.LabelSelector.Parse(selector)(Labels));
    }

    [Fact]
    public void LabelSelector_Gibberish_Is400()
    {
        var ex = Assert.Throws<ApiStatusException>(() => Harness.Kubernetes.LabelSelector.Parse("app in web"));

        Assert.Equal(400, ex.Code);
    }

    [Theory]
    [InlineData("spec.nodeName=n1", true)]
    [InlineData("spec.nodeName==n1", true)]
    [InlineData("spec.nodeName!=n1", false)]
    [InlineData("spec.nodeName=n1,status.phase=Running", true)]
    [InlineData("metadata.name=web-1,metadata.namespace=other", false)]
    public void FieldSelector_PodFields_MatchAsTheServerDoes(string selector, bool matches)
    {
        var pod = new PodBuilder("shop", "web-1").OnNode("n1").Build();

        Assert.Equal(matches, FieldSelector.Parse(ResourceType.Pods, selector)(pod));
    }

    [Fact]
    public void FieldSelector_NodeUnschedulable_Supported()
    {
        var cordoned = new NodeBuilder("n1").Unschedulable().Build();

        Assert.True(FieldSelector.Parse(ResourceType.Nodes, "spec.unschedulable=true")(cordoned));
        Assert.False(FieldSelector.Parse(ResourceType.Nodes, "spec.unschedulable=false")(cordoned));
        Assert.Equal(400, Assert.Throws<ApiStatusException>(() => FieldSelector.Parse(ResourceType.Nodes, "spec.nodeName=n1")).Code);
    }

    [Fact]
    public void FieldSelector_EmptyOrNull_MatchesAll()
    {
        Assert.True(FieldSelector.Parse(ResourceType.Pods, null)(new JsonObject()));
    }
}
