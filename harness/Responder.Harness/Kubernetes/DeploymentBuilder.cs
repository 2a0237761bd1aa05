using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

public sealed class DeploymentBuilder(string ns, string name) : WorkloadBuilder<DeploymentBuilder>(ResourceType.Deployments, ns, name)
{
    private protected override void Fill(JsonObject obj)
    {
        obj["spec"] = new JsonObject
        {
            ["replicas"] = Desired,
            ["selector"] = Selector(),
            ["template"] = Template(),
            ["strategy"] = new JsonObject { ["type"] = "RollingUpdate" },
        };
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = 1,
            ["replicas"] = Desired,
            ["updatedReplicas"] = Desired,
            ["readyReplicas"] = Ready,
            ["availableReplicas"] = Ready,
            ["unavailableReplicas"] = Desired - Ready,
        };
    }
}
