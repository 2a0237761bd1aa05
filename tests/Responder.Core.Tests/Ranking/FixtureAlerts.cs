using System.Text.Json;
using System.Text.Json.Nodes;
using Responder.Core.Alerts;
using Responder.Harness;

namespace Responder.Core.Tests.Ranking;

/// <summary>Fixture alerts read the way the pipeline reads them, whole or changed first.</summary>
internal static class FixtureAlerts
{
    public static FalcoAlert Read(string name) => Parse(Fixtures.Alert(name));

    /// <summary>A copy of the fixture with <paramref name="change"/> applied to its JSON.</summary>
    public static FalcoAlert Read(string name, Action<JsonObject> change)
    {
        var node = Fixtures.AlertNode(name);
        change(node);
        return Parse(node.ToJsonString());
    }

    public static FalcoAlert Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = AlertReader.Read(document.RootElement.Clone(), null, null);
        return result.Alert ?? throw new InvalidOperationException("fixture alert is invalid: " + result.Problem);
    }

    /// <summary>Sets an output field (null removes it).</summary>
    public static Action<JsonObject> Field(string key, string? value) => node =>
    {
        var fields = node["output_fields"]!.AsObject();
        if (value is null)
        {
            fields.Remove(key);
        }
        else
        {
            fields[key] = value;
        }
    };

    public static Action<JsonObject> Set(string key, JsonNode? value) => node => node[key] = value;

    public static Action<JsonObject> Tags(params string[] tags) => node => node["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
}
