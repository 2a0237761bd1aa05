using System.Text.Encodings.Web;
using System.Text.Json;

namespace Responder.Core.Response;

/// <summary>
/// Report values escaped once per distinct string instance: the rule names, priorities, namespaces and nodes of a batch
/// are a few strings shared by thousands of alerts. Per thread, bounded, by reference (equal text in another string
/// is only escaped again).
/// </summary>
internal static class EncodedText
{
    private const int MaxEntries = 4096;

    // Attacker text is escaped by JSON rules only, as in the rest of the report.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    [ThreadStatic]
    private static Dictionary<string, JsonEncodedText>? _encoded;

    public static JsonEncodedText Of(string value)
    {
        var encoded = _encoded ??= new Dictionary<string, JsonEncodedText>(ReferenceEqualityComparer.Instance);
        if (encoded.TryGetValue(value, out var known))
        {
            return known;
        }

        if (encoded.Count >= MaxEntries)
        {
            encoded.Clear();
        }

        return encoded[value] = JsonEncodedText.Encode(value, Encoder);
    }
}
