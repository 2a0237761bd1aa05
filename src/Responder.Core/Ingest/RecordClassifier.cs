using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// Finds the Falco alert inside one record, whatever shape the log shipper gave it (<see cref="RecordShape"/>).
/// An object is alert-like when it has at least two of rule, priority, output and output_fields;
/// whether its fields are usable is decided later, so a broken alert is <c>invalid</c>, not ignored.
/// </summary>
internal static class RecordClassifier
{
    public static Classified FromText(ReadOnlyMemory<byte> text, InputLimits limits, MergeKeys mergeKeys, IngestBatch batch, bool nested = false)
    {
        if (text.Length > limits.MaxMessageBytes)
        {
            return Classified.Reject(RejectCode.TooLarge, CloudWatchPayload.TooLargeMessage(text.Length, limits));
        }

        var trimmed = text.Span.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return Classified.Reject(RejectCode.NotAnAlert, "the message is empty");
        }

        if (trimmed[0] != (byte)'{')
        {
            return Classified.Reject(RejectCode.NotAnAlert, nested
                ? "the log line is plain text (a Falco log message, not an alert)"
                : "the message is plain text, not a JSON alert");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            var (code, message) = JsonErrors.Classify(ex, text.Span, limits);
            return Classified.Reject(code, message);
        }

        return FromElement(batch.Own(document).RootElement, limits, mergeKeys, batch, nested);
    }

    public static Classified FromElement(JsonElement root, InputLimits limits, MergeKeys mergeKeys, IngestBatch batch, bool nested = false)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Classified.Reject(RejectCode.NotAnAlert, $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an alert object");
        }

        var keys = RecordKeys.Of(root);
        if (keys.IsAlert)
        {
            return Classified.Alert(keys.RootShape, root, keys);
        }

        if (nested)
        {
            return Classified.Reject(RejectCode.NotAnAlert, "the log line is JSON but not a Falco alert");
        }

        for (var i = 0; i < mergeKeys.Utf8.Length; i++)
        {
            if (FirstObject(root, mergeKeys.Utf8[i]) is { } merged && RecordKeys.Of(merged).IsAlert)
            {
                return Classified.Alert(mergeKeys.Names[i] == "log_processed" ? RecordShape.LogProcessed : RecordShape.MergeKey, merged, keys);
            }
        }

        if (RecordKeys.Of(keys.Log).IsAlert)
        {
            return Classified.Alert(RecordShape.LogObject, keys.Log, keys);
        }

        if (keys.Log.ValueKind == JsonValueKind.String)
        {
            var inner = FromText(JsonText.Unescape(keys.Log, batch), limits, mergeKeys, batch, nested: true);
            // The shipper's kubernetes block is the outer record's; one inside the log line is the line's own text.
            return inner.Code is null ? Classified.Alert(RecordShape.LogString, inner.AlertJson, keys) : inner;
        }

        return Classified.Reject(RejectCode.NotAnAlert, "JSON without a Falco alert (no rule, priority or output fields)");
    }

    // The first occurrence of the key, as everywhere else; only an object can hold the alert.
    private static JsonElement? FirstObject(JsonElement obj, byte[] name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                return property.Value.ValueKind == JsonValueKind.Object ? property.Value : null;
            }
        }

        return null;
    }
}
