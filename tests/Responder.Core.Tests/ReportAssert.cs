using System.Text.Json.Nodes;
using Responder.TestSupport;

namespace Responder.Core.Tests;

/// <summary>Checks on the JSON report shared by the ingest and alert tests.</summary>
internal static class ReportAssert
{
    /// <summary>Every record is in exactly one list, and the summary agrees with the lists.</summary>
    public static void Accounted(JsonObject report, int alerts, int rejected)
    {
        var summary = report.Summary();
        Assert.Equal(alerts, report.Alerts().Count);
        Assert.Equal(rejected, report.Rejected().Count);
        Assert.Equal(alerts, Int(summary, "alerts"));
        Assert.Equal(rejected, Int(summary, "rejected"));
        Assert.Equal(alerts + rejected, Int(summary, "received"));
    }

    /// <summary>The single rejection of the report, checked for id and code.</summary>
    public static JsonNode SingleRejection(JsonObject report, string id, string code)
    {
        var rejection = Assert.Single(report.Rejected())!;
        Assert.Equal(id, Text(rejection, "id"));
        Assert.Equal(code, Text(rejection, "code"));
        return rejection;
    }

    public static string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();

    public static int Int(JsonNode node, string name) => node[name]!.GetValue<int>();

    /// <summary>One string field of every item of a list, in report order.</summary>
    public static string[] Texts(JsonArray items, string name) => [.. items.Select(item => item![name]!.GetValue<string>())];

    /// <summary>The ids of the alerts, in report order.</summary>
    public static string[] AlertIds(JsonObject report) => Texts(report.Alerts(), "id");

    /// <summary>The ids of the rejections, in report order.</summary>
    public static string[] RejectedIds(JsonObject report) => Texts(report.Rejected(), "id");
}
