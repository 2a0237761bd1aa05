using System.Text.Json;

namespace Responder.Aws.SecurityHub;

/// <summary>
/// Security Hub BatchImportFindings (signed POST /findings/import, JSON both ways). The HttpClient signs and retries.
/// The findings come written (<see cref="FindingDocument"/>): the body is put together from them, never re-serialised.
/// </summary>
public sealed class SecurityHubClient(HttpClient http, Uri endpoint)
{
    /// <summary>BatchImportFindings takes at most this many findings in one call.</summary>
    public const int MaxFindings = 100;

    public async Task<FindingFailures> BatchImportFindingsAsync(IReadOnlyList<byte[]> findings, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        body.Write("{\"Findings\":["u8);
        for (var i = 0; i < findings.Count; i++)
        {
            if (i > 0)
            {
                body.Write(","u8);
            }

            body.Write(findings[i]);
        }

        body.Write("]}"u8);
        using var reply = await SecurityHubCalls.SendAsync(http, HttpMethod.Post, new Uri(endpoint, "findings/import"), body.ToArray(), cancellationToken).ConfigureAwait(false);
        return Read(reply.RootElement);
    }

    private static FindingFailures Read(JsonElement root)
    {
        var failed = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (root.TryGetProperty("FailedFindings", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                var id = item.TryGetProperty("Id", out var value) ? value.GetString() : null;
                if (id is not null)
                {
                    failed[id] = (Text(item, "ErrorCode") ?? "Failed", Text(item, "ErrorMessage") ?? "no message");
                }
            }
        }

        return new FindingFailures(failed);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
