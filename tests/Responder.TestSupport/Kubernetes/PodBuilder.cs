using System.Text.Json.Nodes;

namespace Responder.TestSupport.Kubernetes;

/// <summary>A pod as the API shows one a kubelet runs: scheduled, Running and Ready unless told otherwise.</summary>
public sealed class PodBuilder(string ns, string name) : ObjectBuilder<PodBuilder>(ResourceType.Pods, ns, name)
{
    private string? _node;
    private string _phase = "Running";
    private bool _ready = true;
    private long? _gracePeriod;
    private string _image = "public.ecr.aws/docker/library/nginx:1.27";

    public PodBuilder OnNode(string node)
    {
        _node = node;
        return this;
    }

    public PodBuilder Phase(string phase)
    {
        _phase = phase;
        return this;
    }

    public PodBuilder NotReady()
    {
        _ready = false;
        return this;
    }

    public PodBuilder Image(string image)
    {
        _image = image;
        return this;
    }

    public PodBuilder TerminationGracePeriodSeconds(long seconds)
    {
        _gracePeriod = seconds;
        return this;
    }

    private protected override void Fill(JsonObject obj)
    {
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = _image }),
            ["restartPolicy"] = "Always",
            ["serviceAccountName"] = "default",
        };
        if (_node is not null)
        {
            spec["nodeName"] = _node;
        }

        if (_gracePeriod is { } grace)
        {
            spec["terminationGracePeriodSeconds"] = grace;
        }

        obj["spec"] = spec;
        var ready = _ready ? "True" : "False";
        obj["status"] = new JsonObject
        {
            ["phase"] = _phase,
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "PodScheduled", ["status"] = _node is null ? "False" : "True" },
                new JsonObject { ["type"] = "Ready", ["status"] = ready },
                new JsonObject { ["type"] = "ContainersReady", ["status"] = ready }),
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["image"] = _image,
                ["ready"] = _ready,
                ["restartCount"] = 0,
            }),
        };
    }
}
