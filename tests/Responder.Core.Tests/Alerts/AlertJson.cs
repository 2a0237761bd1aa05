using System.Text.Json;
using System.Text.Json.Nodes;
using Responder.Core.Alerts;
using Responder.Harness;

namespace Responder.Core.Tests.Alerts;

/// <summary>Reads fixture alerts, edited, through <see cref="AlertReader"/>.</summary>
internal static class AlertJson
{
    public static FalcoAlert Valid(string json, string? kubernetes = null, DateTimeOffset? logTime = null)
    {
        var result = AlertReader.Read(JsonElement.Parse(json), kubernetes is null ? null : JsonElement.Parse(kubernetes), logTime);
        Assert.Null(result.Problem);
        return result.Alert!;
    }

    public static string Problem(string json, string? kubernetes = null)
    {
        var result = AlertReader.Read(JsonElement.Parse(json), kubernetes is null ? null : JsonElement.Parse(kubernetes), null);
        Assert.Null(result.Alert);
        return result.Problem!;
    }

    /// <summary>The fixture with one exact piece of its JSON replaced; fails when the piece is not there.</summary>
    public static string With(string fixture, string piece, string replacement)
    {
        var json = Fixtures.Alert(fixture);
        Assert.Contains(piece, json, StringComparison.Ordinal);
        return json.Replace(piece, replacement, StringComparison.Ordinal);
    }

    /// <summary>The fixture with output_fields edited.</summary>
    public static string WithFields(string fixture, Action<JsonObject> edit)
    {
        var alert = Fixtures.AlertNode(fixture);
        edit(alert["output_fields"]!.AsObject());
        return alert.ToJsonString();
    }
}
