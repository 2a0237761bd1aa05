using System.Buffers;
using System.Text.Json;

namespace Responder.Aws.SecurityHub;

/// <summary>
/// Security Hub BatchUpdateFindings (signed PATCH /findings/batchupdate): what a customer, not the finding's provider,
/// says about findings. <c>responder release</c> calls it with the operator's own credentials to note that containment
/// was undone; the function never does, so its role has no grant for it.
/// </summary>
public sealed class FindingUpdateClient(HttpClient http, Uri endpoint)
{
    /// <summary>BatchUpdateFindings takes at most this many findings in one call.</summary>
    public const int MaxFindings = 100;

    /// <returns>The findings it could not update, by id, with the code and message of each.</returns>
    public async Task<FindingFailures> BatchUpdateFindingsAsync(FindingNote note, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("FindingIdentifiers"u8);
            foreach (var id in note.Ids)
            {
                json.WriteStartObject();
                json.WriteString("Id"u8, id);
                json.WriteString("ProductArn"u8, note.ProductArn);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("Note"u8);
            json.WriteString("Text"u8, note.Text);
            json.WriteString("UpdatedBy"u8, note.UpdatedBy);
            json.WriteEndObject();
            json.WriteStartObject("UserDefinedFields"u8);
            foreach (var (key, value) in note.Fields)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        using var reply = await SecurityHubCalls.SendAsync(http, HttpMethod.Patch, new Uri(endpoint, "findings/batchupdate"), buffer.WrittenSpan.ToArray(), cancellationToken)
            .ConfigureAwait(false);
        var failed = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (reply.RootElement.TryGetProperty("UnprocessedFindings", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.TryGetProperty("FindingIdentifier", out var identifier) && identifier.TryGetProperty("Id", out var id) && id.GetString() is { } text)
                {
                    failed[text] = (Text(item, "ErrorCode") ?? "Failed", Text(item, "ErrorMessage") ?? "no message");
                }
            }
        }

        return new FindingFailures(failed);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
