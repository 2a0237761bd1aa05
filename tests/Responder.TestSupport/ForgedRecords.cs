using System.Text.Json.Nodes;
using Responder.Harness;

namespace Responder.TestSupport;

/// <summary>
/// The forged-record corpus of tests/fixtures/forged: lines a workload (or a careless drill) can get
/// into the responder's input, each of which the trust settings must reject, with the check that failed.
/// Each file holds the log event's message, the log group and stream it arrives from, an optional drill
/// wrapper, and the rejection message expected.
/// </summary>
public static class ForgedRecords
{
    /// <summary>
    /// The configuration the corpus is judged with: the defaults plus a log group allow-list. The group is
    /// Container Insights', which every container writes to: allow-listed, it must still not trust a record
    /// whose stream is named after another container's log file.
    /// </summary>
    public const string Toml = "[trust]\nlog_groups = [\"/aws/containerinsights/*/application\"]\n";

    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.GetFiles(Path.Combine(Fixtures.Directory, "forged"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!];

    public static JsonObject Case(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures.Directory, "forged", name + ".json")))!.AsObject();

    /// <summary>The rejection message the case must get.</summary>
    public static string Message(string name) => Case(name)["message"]!.GetValue<string>();

    /// <summary>The case as one input document: a CloudWatch Logs subscription event, in the drill wrapper when the case has one.</summary>
    public static string Document(string name)
    {
        var forged = Case(name);
        var record = forged["record"]!;
        var message = record.GetValueKind() == System.Text.Json.JsonValueKind.String ? record.GetValue<string>() : record.ToJsonString();
        var envelope = Envelopes.CloudWatch([message], logGroup: forged["logGroup"]!.GetValue<string>(), logStream: forged["logStream"]!.GetValue<string>());
        return forged["drill"] is JsonObject drill
            ? new JsonObject { ["drill"] = drill.DeepClone(), ["event"] = JsonNode.Parse(envelope) }.ToJsonString()
            : envelope;
    }
}
