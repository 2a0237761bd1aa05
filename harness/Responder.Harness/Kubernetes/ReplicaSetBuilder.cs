using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

public sealed class ReplicaSetBuilder(string ns, string name) : WorkloadBuilder<ReplicaSetBuilder>(ResourceType.ReplicaSets, ns, name)
{
    private protected override void Fill(JsonObject obj)
    {
        obj["spec"] = new JsonObject { ["replicas"] = Desired, ["selector"] = Selector(), ["template"] = Template() };
        obj["status"] = new JsonObject
        {
            ["replicas"] = Desired,
            ["fullyLabeledReplicas"] = Desired,
            ["readyReplicas"] = Ready,
            ["availableReplicas"] = Ready,
            ["observedGeneration"] = 1,
        };
    }
}
