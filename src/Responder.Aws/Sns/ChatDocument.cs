using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Responder.Aws.Sns;

/// <summary>What one chat card says, before it is bounded and written: <see cref="ChatMessage"/> decides the content.</summary>
internal sealed record ChatCard(
    string Title, IReadOnlyList<string> Lines, IReadOnlyList<string> Steps, IReadOnlyList<string> Keywords,
    string Thread, string Summary, string EventType, IReadOnlyList<string> Resources, Dictionary<string, string> Additional);

/// <summary>
/// A <see cref="ChatCard"/> as the custom-notification JSON of Amazon Q Developer in chat applications, every field cut to
/// its <see cref="ChatLimits"/>; the id is a hash of what the card says, so a repeat of the same card is the same message.
/// </summary>
internal static class ChatDocument
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(NotificationContext context, ChatCard card)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("version"u8, "1.0");
            json.WriteString("source"u8, "custom");
            json.WriteString("id"u8, Hash($"{card.Thread}|{card.EventType}|{card.Summary}|{string.Join('\n', card.Lines)}"));
            json.WriteStartObject("content"u8);
            json.WriteString("textType"u8, "client-markdown");
            json.WriteString("title"u8, Cut(card.Title, ChatLimits.Title));
            json.WriteString("description"u8, Description(card.Lines));
            Strings(json, "nextSteps"u8, card.Steps.Take(ChatLimits.NextSteps).Select(s => Cut(s, ChatLimits.NextStep)));
            Strings(json, "keywords"u8, card.Keywords.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Take(ChatLimits.Keywords).Select(k => Cut(k, ChatLimits.Keyword)));
            json.WriteEndObject();
            json.WriteStartObject("metadata"u8);
            json.WriteString("threadId"u8, Cut(card.Thread, ChatLimits.ThreadId));
            json.WriteString("summary"u8, ChatMessage.Summary(card.Summary));
            json.WriteString("eventType"u8, card.EventType);
            Strings(json, "relatedResources"u8, card.Resources.Take(ChatLimits.RelatedResources).Select(r => Cut(r, ChatLimits.RelatedResource)));
            json.WriteStartObject("additionalContext"u8);
            if (context.ClusterName is { } cluster)
            {
                json.WriteString("cluster"u8, ChatText.Inert(cluster, ChatLimits.ContextValue));
            }

            foreach (var (key, value) in card.Additional)
            {
                json.WriteString(key, Cut(value, ChatLimits.ContextValue));
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    /// <summary>The lines, as many whole ones as fit, then a line saying how many more there were.</summary>
    private static string Description(IReadOnlyList<string> lines)
    {
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = Cut(lines[i], ChatLimits.Line * 8);
            var rest = string.Create(CultureInfo.InvariantCulture, $"_{lines.Count - i} more line(s) left out._");
            if (text.Length + line.Length + 1 > ChatLimits.Description - rest.Length - 1)
            {
                return text.Append(rest).ToString();
            }

            text.Append(line).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    // Our own text only reaches here already bounded; a cut never splits a surrogate pair.
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "\u2026");
    }

    private static void Strings(Utf8JsonWriter json, ReadOnlySpan<byte> name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
