using System.Text.Encodings.Web;
using System.Text.Json;

namespace Responder.Lambda.Logging;

/// <summary>
/// Values that repeat from line to line (the request id, rule and priority names, namespaces, nodes, policy rule names,
/// reasons), encoded once. Keyed by reference: the decoder hands out one string per repeated value, so a hit costs no
/// comparison of text, and a value seen once costs what encoding it on the line would. Bounded: a flood of distinct
/// values only empties it.
/// </summary>
internal sealed class EncodedValues(JavaScriptEncoder encoder)
{
    private const int MaxEntries = 1024;
    private readonly Dictionary<string, JsonEncodedText> _known = new(ReferenceEqualityComparer.Instance);

    public void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteString(name, Encoded(value));
    }

    public void WriteStringValue(Utf8JsonWriter writer, string value) => writer.WriteStringValue(Encoded(value));

    private JsonEncodedText Encoded(string value)
    {
        if (_known.TryGetValue(value, out var encoded))
        {
            return encoded;
        }

        if (_known.Count >= MaxEntries)
        {
            _known.Clear();
        }

        encoded = JsonEncodedText.Encode(value, encoder);
        _known[value] = encoded;
        return encoded;
    }
}
