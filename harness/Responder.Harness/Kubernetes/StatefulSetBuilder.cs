using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

public sealed class StatefulSetBuilder(string ns, string name) : WorkloadBuilder<StatefulSetBuilder>(ResourceType.StatefulSets, ns, name)
{
    /// <summary>The controller-revision-hash its pods carry.</summary>
    public string Revision => $"{Name}-{StableNames.Suffix(Name, 10)}";

    private protected override void Fill(JsonObject obj)
    {
        obj["spec"] = new JsonObject
        {
            ["replicas"] = Desired,
            ["selector"] = Selector(),
            ["serviceName"] = Name,
            ["template"] = Template(),
            ["podManagementPolicy"] = "OrderedReady",
        };
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = 1,
            ["replicas"] = Desired,
            ["readyReplicas"] = Ready,
            ["currentReplicas"] = Desired,
            ["updatedReplicas"] = Desired,
            ["availableReplicas"] = Ready,
            ["currentRevision"] = Revision,
            ["updateRevision"] = Revision,
        };
    }
}
