using System.Globalization;
using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>DeleteOptions from a DELETE's body or an Eviction's deleteOptions, falling back on the query parameters.</summary>
internal static class DeleteOptionsReader
{
    public static DeleteRequest Read(ApiCall call, JsonNode? options, string via)
    {
        if (options is not null and not JsonObject)
        {
            throw ApiStatusException.BadRequest("DeleteOptions must be a JSON object");
        }

        var grace = JsonPaths.Long(options, "gracePeriodSeconds");
        if (grace is null && call.Query("gracePeriodSeconds") is { } text)
        {
            grace = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw ApiStatusException.BadRequest($"invalid gracePeriodSeconds {text}");
        }

        var dryRun = call.DryRun || JsonPaths.At(options, "dryRun") is JsonArray array && array.Any(v => v?.GetValue<string>() == "All");
        return new DeleteRequest(
            JsonPaths.String(options, "preconditions", "uid"),
            JsonPaths.String(options, "preconditions", "resourceVersion"),
            grace,
            via,
            dryRun);
    }
}
