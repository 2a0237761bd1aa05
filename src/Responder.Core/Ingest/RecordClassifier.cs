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

        Classified classified;
        try
        {
            classified = FromElement(document.RootElement, limits, mergeKeys, batch, nested, text);
        }
        catch
        {
            document.Dispose();
            throw;
        }

        if (classified.Code is not null)
        {
            // Nothing of a rejected record is read again.
            classified.Documents.Dispose();
            document.Dispose();
            return classified with { Documents = default };
        }

        return nested
            ? classified with { Documents = new RecordDocuments(null, document) }
            : classified with { Documents = classified.Documents with { Message = document } };
    }

    /// <param name="root">The record.</param>
    /// <param name="limits">The input limits.</param>
    /// <param name="mergeKeys">The keys an alert may be nested under.</param>
    /// <param name="batch">The batch that owns the memory.</param>
    /// <param name="nested">True for a log line inside a record.</param>
    /// <param name="text">The text <paramref name="root"/> was parsed from, when the record owns it: the alert's bytes are kept from it.</param>
    public static Classified FromElement(JsonElement root, InputLimits limits, MergeKeys mergeKeys, IngestBatch batch, bool nested = false, ReadOnlyMemory<byte> text = default)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Classified.Reject(RejectCode.NotAnAlert, $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an alert object");
        }

        var keys = RecordKeys.Of(root);
        if (keys.IsAlert)
        {
            return Classified.Alert(keys.RootShape, root, keys) with { AlertBytes = BytesOf(root, text) };
        }

        if (nested)
        {
            return Classified.Reject(RejectCode.NotAnAlert, "the log line is JSON but not a Falco alert");
        }

        for (var i = 0; i < mergeKeys.Utf8.Length; i++)
        {
            if (FirstObject(root, mergeKeys.Utf8[i]) is { } merged && RecordKeys.Of(merged).IsAlert)
            {
                return Classified.Alert(mergeKeys.Names[i] == "log_processed" ? RecordShape.LogProcessed : RecordShape.MergeKey, merged, keys) with { AlertBytes = BytesOf(merged, text) };
            }
        }

        if (RecordKeys.Of(keys.Log).IsAlert)
        {
            return Classified.Alert(RecordShape.LogObject, keys.Log, keys) with { AlertBytes = BytesOf(keys.Log, text) };
        }

        if (keys.Log.ValueKind == JsonValueKind.String)
        {
            var inner = FromText(JsonText.Unescape(keys.Log, batch), limits, mergeKeys, batch, nested: true);
            // The shipper's kubernetes block is the outer record's; one inside the log line is the line's own text.
            return inner.Code is null
                ? Classified.Alert(RecordShape.LogString, inner.AlertJson, keys) with { AlertBytes = inner.AlertBytes, Documents = inner.Documents }
                : inner;
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

    // Where an element's text lies in the text it was parsed from, as memory that outlives the document.
    private static ReadOnlyMemory<byte> BytesOf(JsonElement element, ReadOnlyMemory<byte> text)
    {
        if (text.IsEmpty)
        {
            return default;
        }

        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
        var offset = (int)System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(text.Span), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(raw));
        return offset >= 0 && offset + raw.Length <= text.Length ? text.Slice(offset, raw.Length) : default;
    }
}
