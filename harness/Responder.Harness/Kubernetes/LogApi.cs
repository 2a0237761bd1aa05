using System.Globalization;
using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// GET .../pods/{name}/log as the API server answers it: the container named (or the pod's only one), previous for the
/// instance before the last restart, tailLines taken from the end, then limitBytes from the start of what is left; the
/// API server's 400s for a container the pod lacks, a name left out of a pod with several, a container still waiting,
/// and no previous instance.
/// </summary>
internal sealed class LogApi(ObjectStore store, PodLogs logs)
{
    public ApiReply Read(ApiCall call)
    {
        var target = call.Target;
        var pod = store.Read(ResourceType.Pods, target.Namespace, target.Name!) ?? throw ApiStatusException.NotFound(ResourceType.Pods, target.Name!);
        var names = Containers(pod);
        var container = call.Query("container");
        if (container is null)
        {
            container = names.Count == 1
                ? names[0]
                : throw ApiStatusException.BadRequest($"a container name must be specified for pod {target.Name}, choose one of: [{string.Join(" ", names)}]");
        }
        else if (!names.Contains(container))
        {
            throw ApiStatusException.BadRequest($"container {container} is not valid for pod {target.Name}");
        }

        var previous = call.Query("previous") is "true" or "1";
        if (!previous && logs.WaitingReason(target.Namespace!, target.Name!, container) is { } reason)
        {
            throw ApiStatusException.BadRequest($"container \"{container}\" in pod \"{target.Name}\" is waiting to start: {reason}");
        }

        var log = logs.Read(target.Namespace!, target.Name!, container, previous);
        if (log is null && previous)
        {
            throw ApiStatusException.BadRequest($"previous terminated container \"{container}\" in pod \"{target.Name}\" not found");
        }

        var text = log ?? [];
        if (Number(call, "tailLines") is { } tail)
        {
            text = Tail(text, tail);
        }

        if (Number(call, "limitBytes") is { } limit && limit < text.Length)
        {
            text = text[..(int)limit];
        }

        return new ApiReply(200, new JsonObject()) { Text = text };
    }

    private static List<string> Containers(JsonObject pod) =>
    [
        .. new[] { "initContainers", "containers", "ephemeralContainers" }
            .SelectMany(field => JsonPaths.At(pod, "spec", field) is JsonArray list ? list : [])
            .Select(c => JsonPaths.String(c!.AsObject(), "name")!),
    ];

    private static long? Number(ApiCall call, string name) =>
        call.Query(name) is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw ApiStatusException.BadRequest($"{name}: Invalid value: \"{text}\": must be greater than 0")
            : null;

    // The last lines, a final line without its newline counted as one.
    private static byte[] Tail(byte[] text, long lines)
    {
        var end = text.Length > 0 && text[^1] == (byte)'\n' ? text.Length - 1 : text.Length;
        var start = end;
        for (var seen = 0L; start > 0; start--)
        {
            if (text[start - 1] == (byte)'\n' && ++seen == lines)
            {
                break;
            }
        }

        return text[start..];
    }
}
