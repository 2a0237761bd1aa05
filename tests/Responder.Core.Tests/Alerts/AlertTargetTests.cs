using Responder.Core.Alerts;
using Responder.Harness;
using static Responder.Core.Tests.Alerts.AlertJson;

namespace Responder.Core.Tests.Alerts;

/// <summary>Namespace, pod and node of an alert: where they come from, and when they are absent.</summary>
public sealed class AlertTargetTests
{
    private const string FluentBitFalcoPod = """{"pod_name":"falco-x7k2p","namespace_name":"falco","host":"ip-10-0-9-9.eu-west-1.compute.internal","container_name":"falco"}""";

    [Fact]
    public void Read_K8sAuditAlert_TakesNamespaceAndPodFromKaTarget()
    {
        var alert = Valid(Fixtures.Alert("k8s-audit-exec"));

        Assert.Equal("k8s_audit", alert.Source);
        Assert.Equal("payments", alert.Target.Namespace);
        Assert.Equal("api-7d9f8b6c5d-x2k4q", alert.Target.Pod);
        Assert.True(alert.Target.HasPod);
    }

    [Theory]
    [InlineData("secrets")]
    [InlineData("configmaps")]
    public void Read_KaTargetNameOfAnotherResource_IsNotAPod(string resource)
    {
        var alert = Valid(WithFields("k8s-audit-exec", f => f["ka.target.resource"] = resource));

        Assert.Equal("payments", alert.Target.Namespace);
        Assert.Null(alert.Target.Pod);
        Assert.False(alert.Target.HasPod);
    }

    [Fact]
    public void Read_KaTargetNameWithoutResource_IsNotAPod()
    {
        var alert = Valid(WithFields("k8s-audit-exec", f => f.Remove("ka.target.resource")));

        Assert.Null(alert.Target.Pod);
    }

    [Fact]
    public void Read_KaTargetPodName_WinsOverKaTargetName()
    {
        var alert = Valid(WithFields("k8s-audit-exec", f => f["ka.target.pod.name"] = "other-pod"));

        Assert.Equal("other-pod", alert.Target.Pod);
    }

    [Fact]
    public void Read_K8sPodName_WinsOverAuditFields()
    {
        var alert = Valid(WithFields("k8s-audit-exec", f =>
        {
            f["k8s.pod.name"] = "syscall-pod";
            f["k8s.ns.name"] = "syscall-ns";
        }));

        Assert.Equal("syscall-ns", alert.Target.Namespace);
        Assert.Equal("syscall-pod", alert.Target.Pod);
    }

    [Fact]
    public void Read_NaK8sFields_FallThroughToAuditFields()
    {
        var alert = Valid(WithFields("k8s-audit-exec", f =>
        {
            f["k8s.pod.name"] = "<NA>";
            f["k8s.ns.name"] = null;
        }));

        Assert.Equal("payments", alert.Target.Namespace);
        Assert.Equal("api-7d9f8b6c5d-x2k4q", alert.Target.Pod);
    }

    [Theory]
    [InlineData("<NA>")]
    [InlineData(null)]
    [InlineData("")]
    public void Read_MissingK8sFields_GiveNoPodOrNamespaceAndStayValid(string? value)
    {
        var alert = Valid(WithFields("terminal-shell", f =>
        {
            f["k8s.pod.name"] = value;
            f["k8s.ns.name"] = value;
        }));

        Assert.Equal("Terminal shell in container", alert.Rule);
        Assert.Null(alert.Target.Namespace);
        Assert.Null(alert.Target.Pod);
        Assert.False(alert.Target.HasPod);
        Assert.Equal("ip-10-0-1-23.eu-west-1.compute.internal", alert.Target.Node);
    }

    [Fact]
    public void Read_NoOutputFields_GivesNoPodOrNamespace()
    {
        var alert = Valid(With("internal-drop", "\"output_fields\":{", "\"ignored\":{"));

        Assert.True(alert.OutputFields.IsEmpty);
        Assert.Null(alert.Target.Namespace);
        Assert.Null(alert.Target.Pod);
    }

    [Fact]
    public void Read_ValidHostname_IsTheNode()
    {
        var alert = Valid(Fixtures.Alert("terminal-shell"), FluentBitFalcoPod);

        Assert.Equal("ip-10-0-1-23.eu-west-1.compute.internal", alert.Target.Node);
        Assert.Equal("hostname", alert.Target.NodeSource);
    }

    [Theory]
    [InlineData("\"hostname\":\"IP-10-0-1-23.EC2.INTERNAL\"")]
    [InlineData("\"hostname\":\"../../etc\"")]
    [InlineData("\"hostname\":\"<NA>\"")]
    [InlineData("\"hostname\":null")]
    [InlineData("\"host\":\"ip-10-0-1-23\"")]
    public void Read_HostnameNotANodeName_FallsBackToFluentBitHost(string hostname)
    {
        var alert = Valid(With("terminal-shell", "\"hostname\":\"ip-10-0-1-23.eu-west-1.compute.internal\"", hostname), FluentBitFalcoPod);

        Assert.Equal("ip-10-0-9-9.eu-west-1.compute.internal", alert.Target.Node);
        Assert.Equal("kubernetes.host", alert.Target.NodeSource);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"pod_name":"falco-x7k2p"}""")]
    [InlineData("""{"host":"Not A Node"}""")]
    [InlineData("""{"host":null}""")]
    public void Read_NoValidHostnameOrHost_GivesNoNode(string? kubernetes)
    {
        var alert = Valid(With("terminal-shell", "\"hostname\":\"ip-10-0-1-23.eu-west-1.compute.internal\"", "\"hostname\":\"Falco Host\""), kubernetes);

        Assert.Null(alert.Target.Node);
        Assert.Null(alert.Target.NodeSource);
        Assert.Equal("Falco Host", alert.Hostname);
        Assert.Equal("api-7d9f8b6c5d-x2k4q", alert.Target.Pod);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("UPPER")]
    public void Read_InvalidPodName_IsInvalidNamingThePod(string pod) =>
        Assert.Equal(
            $"pod name \"{pod}\" is not a valid DNS-1123 subdomain",
            Problem(WithFields("terminal-shell", f => f["k8s.pod.name"] = pod)));

    [Fact]
    public void Read_VeryLongPodName_IsInvalidWithBoundedEcho()
    {
        var pod = new string('p', 300);

        var problem = Problem(WithFields("terminal-shell", f => f["k8s.pod.name"] = pod));

        Assert.Equal($"pod name \"{new string('p', 80)}…\" is not a valid DNS-1123 subdomain", problem);
    }

    [Theory]
    [InlineData("Payments")]
    [InlineData("pay.ments")]
    [InlineData("../kube-system")]
    public void Read_InvalidNamespace_IsInvalidNamingTheNamespace(string ns) =>
        Assert.Equal(
            $"namespace \"{ns}\" is not a valid DNS-1123 label",
            Problem(WithFields("terminal-shell", f => f["k8s.ns.name"] = ns)));

    [Fact]
    public void Read_InvalidAuditPodName_IsInvalid() =>
        Assert.Equal(
            "pod name \"api/../x\" is not a valid DNS-1123 subdomain",
            Problem(WithFields("k8s-audit-exec", f => f["ka.target.name"] = "api/../x")));
}
