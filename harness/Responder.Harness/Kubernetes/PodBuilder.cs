using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>A pod as the API shows one a kubelet runs: scheduled, Running and Ready unless told otherwise.</summary>
public sealed class PodBuilder(string ns, string name) : ObjectBuilder<PodBuilder>(ResourceType.Pods, ns, name)
{
    private string? _node;
    private string _phase = "Running";
    private bool _ready = true;
    private long? _gracePeriod;
    private string _image = "public.ecr.aws/docker/library/nginx:1.27";
    private readonly List<string> _containers = ["app"];
    private readonly List<string> _initContainers = [];
    private readonly Dictionary<string, int> _restarts = new(StringComparer.Ordinal);

    /// <summary>The pod's containers instead of the one named "app".</summary>
    public PodBuilder Containers(params string[] names)
    {
        _containers.Clear();
        _containers.AddRange(names);
        return this;
    }

    public PodBuilder InitContainer(string name)
    {
        _initContainers.Add(name);
        return this;
    }

    /// <summary>The container restarted: its restartCount and the last instance's termination in its status.</summary>
    public PodBuilder Restarted(string container, int times = 1)
    {
        _restarts[container] = times;
        return this;
    }

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
            ["containers"] = new JsonArray([.. _containers.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["image"] = _image })]),
            ["restartPolicy"] = "Always",
            ["serviceAccountName"] = "default",
        };
        if (_initContainers.Count > 0)
        {
            spec["initContainers"] = new JsonArray([.. _initContainers.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["image"] = _image })]);
        }

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
            ["containerStatuses"] = new JsonArray([.. _containers.Select(c => (JsonNode)Status(c, _ready))]),
        };
        if (_initContainers.Count > 0)
        {
            obj["status"]!["initContainerStatuses"] = new JsonArray([.. _initContainers.Select(c => (JsonNode)Status(c, ready: false))]);
        }
    }

    private JsonObject Status(string container, bool ready)
    {
        var status = new JsonObject
        {
            ["name"] = container,
            ["image"] = _image,
            ["ready"] = ready,
            ["restartCount"] = _restarts.GetValueOrDefault(container),
        };
        if (_restarts.ContainsKey(container))
        {
            status["lastState"] = new JsonObject
            {
                ["terminated"] = new JsonObject { ["exitCode"] = 137, ["reason"] = "Error", ["startedAt"] = "2024-05-04T04:00:00Z", ["finishedAt"] = "2024-05-04T04:19:00Z" },
            };
        }

        return status;
    }
}
