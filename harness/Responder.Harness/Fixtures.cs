using System.Text.Json.Nodes;

namespace Responder.Harness;

/// <summary>Real-shaped Falco alerts from tests/fixtures/alerts, built from the falcosecurity rule files.</summary>
public static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <summary>The alert as one JSON line, exactly as in the file.</summary>
    public static string Alert(string name) => File.ReadAllText(Path.Combine(Directory, "alerts", name + ".json")).Trim();

    public static JsonObject AlertNode(string name) => JsonNode.Parse(Alert(name))!.AsObject();

    public static IReadOnlyList<string> AlertNames { get; } =
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, "alerts"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!];
}
