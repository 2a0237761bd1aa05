using System.Text;
using System.Text.Json.Nodes;

namespace Responder.Aws.Tests.Sns;

/// <summary>
/// The custom-notification format of Amazon Q Developer in chat applications, as a check: its required fields and
/// values, its known fields only, and the size limits the responder keeps to, written out here apart from the code.
/// </summary>
internal static class ChatSchema
{
    private static readonly string[] Top = ["version", "source", "id", "content", "metadata"];
    private static readonly string[] Content = ["textType", "title", "description", "nextSteps", "keywords"];
    private static readonly string[] Metadata = ["threadId", "summary", "eventType", "relatedResources", "additionalContext", "enableCustomActions"];

    public static List<string> Problems(string message)
    {
        var problems = new List<string>();
        if (Encoding.UTF8.GetByteCount(message) > 256 * 1024)
        {
            problems.Add("larger than SNS's 256 KiB");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(message)!.AsObject();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return [$"not a JSON object: {ex.Message}"];
        }

        Unknown(root, Top, "", problems);
        Equal(root, "version", "1.0", problems);
        Equal(root, "source", "custom", problems);
        if (root["content"] is not JsonObject content)
        {
            problems.Add("content is required");
            return problems;
        }

        Unknown(content, Content, "content.", problems);
        if (content["description"] is not JsonValue description || string.IsNullOrWhiteSpace(description.GetValue<string>()))
        {
            problems.Add("content.description is required");
        }

        if (content["textType"] is { } textType && textType.GetValue<string>() != "client-markdown")
        {
            problems.Add("content.textType must be client-markdown");
        }

        Text(content, "title", 250, problems);
        Text(content, "description", 4000, problems);
        List(content, "nextSteps", 5, 350, problems);
        List(content, "keywords", 10, 75, problems);
        if (root["metadata"] is JsonObject metadata)
        {
            Unknown(metadata, Metadata, "metadata.", problems);
            Text(metadata, "threadId", 128, problems);
            Text(metadata, "summary", 250, problems);
            Text(metadata, "eventType", 100, problems);
            List(metadata, "relatedResources", 5, 1024, problems);
            if (metadata["additionalContext"] is JsonObject context)
            {
                problems.AddRange(context.Where(p => p.Value is not JsonValue v || v.GetValue<string>().Length > 256).Select(p => $"metadata.additionalContext.{p.Key} is not a string of at most 256"));
            }
        }

        return problems;
    }

    private static void Unknown(JsonObject node, string[] known, string path, List<string> problems) =>
        problems.AddRange(node.Select(p => p.Key).Where(k => !known.Contains(k)).Select(k => $"{path}{k} is not a field of the format"));

    private static void Equal(JsonObject node, string name, string value, List<string> problems)
    {
        if (node[name]?.GetValue<string>() != value)
        {
            problems.Add($"{name} must be {value}");
        }
    }

    private static void Text(JsonObject node, string name, int max, List<string> problems)
    {
        if (node[name] is { } value && (value is not JsonValue || value.GetValue<string>().Length > max))
        {
            problems.Add($"{name} is not a string of at most {max}");
        }
    }

    private static void List(JsonObject node, string name, int items, int max, List<string> problems)
    {
        if (node[name] is null)
        {
            return;
        }

        if (node[name] is not JsonArray list || list.Count > items || list.Any(i => i is not JsonValue v || v.GetValue<string>().Length is 0 || v.GetValue<string>().Length > max))
        {
            problems.Add($"{name} is not a list of at most {items} strings of 1 to {max}");
        }
    }
}
