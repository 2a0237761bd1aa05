using Responder.Harness.Kubernetes;

namespace Responder.Kubernetes.Tests.Containment;

/// <summary>A drill acts only on pods labelled falco-responder/drill=true; on any other pod it writes nothing.</summary>
public sealed class DrillTargetTests : ContainmentTest
{
    private const string Reason = "drill-target: pod shop/web-1 is not labelled falco-responder/drill=true";

    [Fact]
    public async Task Drill_PodWithoutTheLabel_SkipsPodAndNodeActionsAndWritesNothing()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");

        var report = await RespondToDrillAsync(null, Alert("shop", "web-1"));

        Assert.Equal(
            [$"label-pod skipped: {Reason}", $"cordon-node skipped: {Reason}", $"delete-pod skipped: {Reason}"],
            ReportActions.Of(report).Take(3));
        Assert.Empty(Writes());
        Assert.NotNull(Cluster.Pod("shop", "web-1"));
        Assert.False(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task Drill_PodLabelledFalse_IsNotATarget()
    {
        Cluster.Add(new PodBuilder("shop", "web-1").OnNode("n1").Label("falco-responder/drill", "false"));

        var report = await RespondToDrillAsync(null, Alert("shop", "web-1"));

        Assert.Equal(Reason, ReportActions.Reason(report, "delete-pod"));
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task Drill_LabelledPod_IsContained()
    {
        Cluster.AddNodes("n3", "n4", "n5", "n6");
        Cluster.Add(new PodBuilder("shop", "web-1").OnNode("n1").Label("falco-responder/drill", "true"));

        var report = await RespondToDrillAsync(null, Alert("shop", "web-1"));

        Assert.Equal(["label-pod succeeded", "cordon-node succeeded", "delete-pod succeeded"], ReportActions.Of(report).Take(3));
        Assert.Null(Cluster.Pod("shop", "web-1"));
        Assert.True(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task Drill_PodGone_SkipsEvenTheNodeItNames()
    {
        var report = await RespondToDrillAsync(null, Alert("shop", "web-1"));

        Assert.Equal(
            "drill-target: pod shop/web-1 does not exist; a drill acts only on pods labelled falco-responder/drill=true",
            ReportActions.Reason(report, "cordon-node"));
        Assert.Equal("skipped", ReportActions.Status(report, "delete-pod"));
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task Drill_AlertWithoutAPod_CordonsNoNode()
    {
        const string Toml = "[[policy.rules]]\nname = \"cordon-any\"\n[[policy.rules.actions]]\naction = \"cordon-node\"";

        var report = await RespondToDrillAsync(Toml, Alert(null, null, hostname: "n1"));

        Assert.Equal(
            "drill-target: the alert names no pod; a drill acts only on pods labelled falco-responder/drill=true",
            ReportActions.Reason(report, "cordon-node"));
        Assert.False(Cluster.Node("n1").Unschedulable);
    }

    [Fact]
    public async Task Drill_PodUnreadable_FailsRetryably()
    {
        Cluster.AddBarePod("shop", "web-1", "n1");
        Fake.Faults.Inject(FakeFault.ServiceUnavailable(), "GET", "/api/v1/namespaces/shop/pods/web-1", times: 3);

        var report = await RespondToDrillAsync(null, Alert("shop", "web-1"));

        Assert.Equal("failed", ReportActions.Status(report, "label-pod"));
        Assert.StartsWith("api-error 503", ReportActions.Reason(report, "cordon-node"), StringComparison.Ordinal);
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task SameAlertOutsideADrill_IsContainedWithoutTheLabel()
    {
        Cluster.AddNodes("n3", "n4", "n5", "n6");
        Cluster.AddBarePod("shop", "web-1", "n1");

        var report = await RespondAsync(Alert("shop", "web-1"));

        Assert.Equal(["label-pod succeeded", "cordon-node succeeded", "delete-pod succeeded"], ReportActions.Of(report).Take(3));
    }
}
