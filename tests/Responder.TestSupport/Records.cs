using System.Text.Json.Nodes;
using Responder.Core.Ingest;

namespace Responder.TestSupport;

/// <summary>
/// Wraps an alert the way each log shipper does (the record shapes of docs/input.md). Written independently of the
/// product's drill builder, so a decoding test never checks the product against itself.
/// </summary>
public static class Records
{
    public static string InShape(string alertJson, RecordShape shape, string node = "ip-10-0-1-23.eu-west-1.compute.internal")
    {
        var alert = JsonNode.Parse(alertJson)!.AsObject();
        return shape switch
        {
            RecordShape.RawAlert => alertJson,
            RecordShape.LogString => Shipper(new JsonObject { ["log"] = alertJson + "\n" }, node).ToJsonString(),
            RecordShape.LogObject => Shipper(new JsonObject { ["log"] = alert }, node).ToJsonString(),
            RecordShape.Merged => Shipper(Merge(alert, new JsonObject { ["log"] = alertJson + "\n" }), node).ToJsonString(),
            RecordShape.MergedNoLog => Shipper(Merge(alert, []), node).ToJsonString(),
            RecordShape.LogProcessed => Shipper(new JsonObject { ["log"] = alertJson + "\n", ["log_processed"] = alert }, node).ToJsonString(),
            RecordShape.Sidekick => Sidekick(alert).ToJsonString(),
            RecordShape.MergeKey => Shipper(new JsonObject { ["data"] = alert }, node).ToJsonString(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    /// <summary>Fluent Bit's additions; <paramref name="container"/> names the container that wrote the line.</summary>
    public static JsonObject Shipper(JsonObject record, string node, string container = "falco", string ns = "falco")
    {
        record["stream"] = "stdout";
        record["time"] = "2024-05-04T13:44:05.480000000Z";
        record["kubernetes"] = new JsonObject
        {
            ["pod_name"] = "falco-x7k2p",
            ["namespace_name"] = ns,
            ["pod_id"] = "0b7e6c1a-2f3d-4c5b-9a8e-7d6c5b4a3f2e",
            ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "falco", ["app.kubernetes.io/instance"] = "falco" },
            ["host"] = node,
            ["container_name"] = container,
            ["docker_id"] = "5f4e3d2c1b0a",
            ["container_image"] = "docker.io/falcosecurity/falco:0.39.2",
        };
        return record;
    }

    private static JsonObject Merge(JsonObject alert, JsonObject extra)
    {
        var merged = (JsonObject)alert.DeepClone();
        foreach (var (key, value) in extra)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private static JsonObject Sidekick(JsonObject alert)
    {
        var payload = (JsonObject)alert.DeepClone();
        payload["uuid"] = "6b1f9e2a-7c3d-4e5f-8a9b-0c1d2e3f4a5b";
        if (payload["source"]?.GetValue<string>() == "syscall")
        {
            payload["source"] = "syscalls";
        }

        return payload;
    }
}
