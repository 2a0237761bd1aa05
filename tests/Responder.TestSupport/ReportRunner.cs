using System.Text.Json.Nodes;
using Responder.Core.Config;
using Responder.Core.Containment;
using Responder.Core.Ingest;
using Responder.Core.Response;
using Responder.Harness;

namespace Responder.TestSupport;

/// <summary>Runs input through the real pipeline and JSON report writer; returns the report, held to docs/report.schema.json.</summary>
public static class ReportRunner
{
    public static Task<JsonObject> RunAsync(string input, ResponderConfig? config = null) => RunAsync(Envelopes.Lines(input), config);

    public static async Task<JsonObject> RunAsync(Stream input, ResponderConfig? config = null, INotifier? notifier = null, IClusterActions? cluster = null, IFindings? findings = null)
    {
        config ??= TestConfig.Default();
        var pipeline = new ResponsePipeline(config, notifier, cluster, findings: findings);

        // As the hosts do: each record decided as it is decoded.
        var decoder = pipeline.Decoder;
        using var output = new MemoryStream();
        using (var writer = new JsonReportWriter(output, new MemoryStream()))
        {
            using var reader = new DocumentReader(input, config.Limits.MaxEnvelopeBytes, config.Limits.MaxDocumentLines);
            while (reader.TryRead(out var document))
            {
                using var batch = decoder.Decode(document);
                writer.Write(await pipeline.ProcessAsync(batch, CancellationToken.None));
            }

            writer.Complete();
        }

        return ReportSchema.Valid(JsonNode.Parse(output.ToArray())!.AsObject());
    }

    public static JsonArray Alerts(this JsonObject report) => report["alerts"]!.AsArray();

    public static JsonArray Rejected(this JsonObject report) => report["rejected"]!.AsArray();

    public static JsonObject Summary(this JsonObject report) => report["summary"]!.AsObject();

    /// <summary>The codes of the rejected records, in order.</summary>
    public static string[] RejectedCodes(this JsonObject report) => [.. report.Rejected().Select(r => r!["code"]!.GetValue<string>())];
}
