using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Responder.Harness;

namespace Responder.TestSupport;

/// <summary>
/// docs/report.schema.json, which every report a test produces is held to (ReportRunner, the CLI runner, the Lambda
/// replies), with the counts the schema cannot express: every record in exactly one of alerts or rejected, and the
/// summary counting what the report lists.
/// </summary>
public static class ReportSchema
{
    public static string File => RepoFiles.Path("docs", "report.schema.json");

    private static readonly Lazy<JsonSchema> Report = new(() => Build(System.IO.File.ReadAllText(File), "report.schema.json"));

    // The Lambda answers a subscription delivery with the summary alone: the report's own summary definition, wrapped.
    private static readonly Lazy<JsonSchema> SummaryOnly = new(() =>
    {
        var report = JsonNode.Parse(System.IO.File.ReadAllText(File))!.AsObject();
        var wrapper = new JsonObject
        {
            ["$schema"] = report["$schema"]!.DeepClone(),
            ["type"] = "object",
            ["required"] = new JsonArray("summary"),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject { ["summary"] = new JsonObject { ["$ref"] = "#/$defs/summary" } },
            ["$defs"] = report["$defs"]!.DeepClone(),
        };
        return Build(wrapper.ToJsonString(), "summary-only.schema.json");
    });

    /// <summary>The report when it holds; otherwise an exception naming every problem.</summary>
    public static JsonObject Valid(JsonObject report)
    {
        Throw(Problems(report), report);
        return report;
    }

    /// <summary>A Lambda reply: a whole report, or the summary alone; a partial batch response is not a report.</summary>
    public static JsonObject ValidReply(JsonObject reply)
    {
        if (reply.ContainsKey("alerts"))
        {
            return Valid(reply);
        }

        if (reply.ContainsKey("summary"))
        {
            Throw(Errors(SummaryOnly.Value, reply), reply);
        }

        return reply;
    }

    /// <summary>Every way the report breaks the contract; empty when it holds.</summary>
    public static List<string> Problems(JsonNode report)
    {
        var problems = Errors(Report.Value, report);
        if (problems.Count == 0)
        {
            problems.AddRange(Counts(report.AsObject()));
        }

        return problems;
    }

    private static IEnumerable<string> Counts(JsonObject report)
    {
        var summary = report["summary"]!;
        var (received, alerts, rejected) = ((int)summary["received"]!, (int)summary["alerts"]!, (int)summary["rejected"]!);
        if (received != alerts + rejected)
        {
            yield return $"summary.received {received} is not summary.alerts {alerts} + summary.rejected {rejected}";
        }

        if (alerts != report["alerts"]!.AsArray().Count || rejected != report["rejected"]!.AsArray().Count)
        {
            yield return $"the summary counts {alerts} alerts and {rejected} rejected, the report lists {report["alerts"]!.AsArray().Count} and {report["rejected"]!.AsArray().Count}";
        }

        var listed = report["alerts"]!.AsArray().SelectMany(a => a!["actions"]!.AsArray()).GroupBy(a => (string)a!["action"]!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var counted = summary["actions"]!.AsObject().ToDictionary(a => a.Key, a => (int)a.Value!, StringComparer.Ordinal);
        if (listed.Count != counted.Count || listed.Any(l => counted.GetValueOrDefault(l.Key) != l.Value))
        {
            yield return $"summary.actions {summary["actions"]!.ToJsonString()} does not count the actions the alerts list";
        }
    }

    private static JsonSchema Build(string text, string name) =>
        JsonSchema.FromText(text, baseUri: new Uri($"https://falco-responder.test/{name}"));

    private static List<string> Errors(JsonSchema schema, JsonNode document)
    {
        using var parsed = JsonDocument.Parse(document.ToJsonString());
        var result = schema.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.EvaluationPath})"))];
    }

    private static void Throw(List<string> problems, JsonObject document)
    {
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"the report breaks {File}:\n  {string.Join("\n  ", problems)}\n{document.ToJsonString()}");
        }
    }
}
