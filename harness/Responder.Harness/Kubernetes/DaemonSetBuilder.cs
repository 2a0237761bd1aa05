using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>A DaemonSet: no spec.replicas; <see cref="WorkloadBuilder{TSelf}.Replicas"/> gives the scheduled and ready counts.</summary>
public sealed class DaemonSetBuilder(string ns, string name) : WorkloadBuilder<DaemonSetBuilder>(ResourceType.DaemonSets, ns, name)
{
    public string Revision => StableNames.Suffix(Name, 10);

    private protected override void Fill(JsonObject obj)
    {
        obj["spec"] = new JsonObject
        {
            ["selector"] = Selector(),
            ["template"] = Template(),
            ["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate" },
        };
        obj["status"] = new JsonObject
        {
            ["currentNumberScheduled"] = Desired,
            ["numberMisscheduled"] = 0,
            ["desiredNumberScheduled"] = Desired,
            ["numberReady"] = Ready,
            ["observedGeneration"] = 1,
            ["updatedNumberScheduled"] = Desired,
            ["numberAvailable"] = Ready,
        };
    }
}
