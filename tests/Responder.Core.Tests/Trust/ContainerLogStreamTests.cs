using Responder.Core.Trust;
using Responder.Harness;

namespace Responder.Core.Tests.Trust;

/// <summary>Reading the writing container from a log stream named after the container's log file.</summary>
public sealed class ContainerLogStreamTests
{
    private const string Id = Envelopes.ContainerId;

    [Theory]
    [InlineData("ip-10-0-1-23.eu-west-1.compute.internal-application.var.log.containers.falco-x7k2p_falco_falco-" + Id + ".log", "falco-x7k2p", "falco", "falco")]
    [InlineData("var.log.containers.web-6f7d8c9b5-k2m4n_shop_web-" + Id + ".log", "web-6f7d8c9b5-k2m4n", "shop", "web")]
    [InlineData("from-fluent-bit-kube.var.log.containers.falco-x7k2p_security_falco-driver-loader-" + Id + ".log", "falco-x7k2p", "security", "falco-driver-loader")]
    [InlineData("node_1-application.var.log.containers.api.v2-0_payments_api-" + Id + ".log", "api.v2-0", "payments", "api")]
    // A pod may be named like the directory: the pod is what follows its first occurrence, and the namespace and container are read from the right.
    [InlineData("n-application.var.log.containers.var.log.containers.x_shop_web-" + Id + ".log", "var.log.containers.x", "shop", "web")]
    public void Parse_ContainerLogFileStream_GivesPodNamespaceAndContainer(string stream, string pod, string ns, string container)
    {
        var parsed = ContainerLogStream.Parse(stream);

        Assert.Equal(new ContainerLogStream(pod, ns, container), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("falcosidekick")]
    [InlineData("falco.ip-10-0-1-23.falco_falco-x7k2p_falco")]
    [InlineData("n-application.var.log.containers.falco-x7k2p_falco_falco-0a1b2c.log")]
    [InlineData("n-application.var.log.containers.falco-x7k2p_falco_falco-" + Id + ".txt")]
    [InlineData("n-application.var.log.containers.falco-x7k2p_falco_falco-" + Id + "0.log")]
    [InlineData("n-application.var.log.containers.falco-x7k2p_falco_falco-F5BED22B9F4BED888F77F06C03A5D6AAEF691682AA2820F6158919427F905194.log")]
    [InlineData("n-application.var.log.pods.falco-x7k2p_falco_falco-" + Id + ".log")]
    [InlineData("n-application.var.log.containers._falco_falco-" + Id + ".log")]
    [InlineData("n-application.var.log.containers.falco-x7k2p_falco_Falco-" + Id + ".log")]
    [InlineData("n-application.var.log.containers.falco-x7k2p_fal.co_falco-" + Id + ".log")]
    [InlineData("n-application.var.log.containers.falco_x7k2p_falco_falco-" + Id + ".log")]
    [InlineData("n-application.var.log.containers.falco-x7k2p__falco-" + Id + ".log")]
    [InlineData("n-application.var.log.containers.falco-x7k2p_falco-" + Id + ".log")]
    public void Parse_OtherStreamName_IsNoContainer(string? stream)
    {
        Assert.Null(ContainerLogStream.Parse(stream));
    }
}
