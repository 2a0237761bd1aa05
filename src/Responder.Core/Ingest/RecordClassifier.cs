using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// Finds the Falco alert inside one record, whatever shape the log shipper gave it (DESIGN.md §5).
/// An object is alert-like when it has at least two of rule, priority, output and output_fields;
/// whether its fields are usable is decided later, so a broken alert is <c>invalid</c>, not ignored.
/// </summary>
internal static class RecordClassifier
{
    private static readonly string[] Signature = ["rule", "priority", "output", "output_fields"];

    public static Classified FromText(ReadOnlyMemory<byte> text, InputLimits limits, IngestBatch batch, bool nested = false)
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

        return FromElement(batch.Own(document).RootElement, limits, batch, nested);
    }

    public static Classified FromElement(JsonElement root, InputLimits limits, IngestBatch batch, bool nested = false)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Classified.Reject(RejectCode.NotAnAlert, $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an alert object");
        }

        JsonElement? kubernetes = root.TryGetProperty("kubernetes"u8, out var meta) && meta.ValueKind == JsonValueKind.Object ? meta : null;
        if (LooksLikeAlert(root))
        {
            return Classified.Alert(RootShape(root), root, kubernetes);
        }

        if (nested)
        {
            return Classified.Reject(RejectCode.NotAnAlert, "the log line is JSON but not a Falco alert");
        }

        if (root.TryGetProperty("log_processed"u8, out var processed) && LooksLikeAlert(processed))
        {
            return Classified.Alert(RecordShape.LogProcessed, processed, kubernetes);
        }

        if (root.TryGetProperty("log"u8, out var log))
        {
            if (LooksLikeAlert(log))
            {
                return Classified.Alert(RecordShape.LogObject, log, kubernetes);
            }

            if (log.ValueKind == JsonValueKind.String)
            {
                var inner = FromText(JsonText.Unescape(log, batch), limits, batch, nested: true);
                return inner.Code is null ? Classified.Alert(RecordShape.LogString, inner.AlertJson, kubernetes) : inner;
            }
        }

        return Classified.Reject(RejectCode.NotAnAlert, "JSON without a Falco alert (no rule, priority or output fields)");
    }

    private static RecordShape RootShape(JsonElement root)
    {
        if (root.TryGetProperty("log"u8, out _))
        {
            return RecordShape.Merged;
        }

        if (root.TryGetProperty("kubernetes"u8, out _) || root.TryGetProperty("stream"u8, out _))
        {
            return RecordShape.MergedNoLog;
        }

        return root.TryGetProperty("uuid"u8, out _) ? RecordShape.Sidekick : RecordShape.RawAlert;
    }

    private static bool LooksLikeAlert(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var seen = 0;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            for (var i = 0; i < Signature.Length; i++)
            {
                if ((seen & (1 << i)) == 0 && name.Length == Signature[i].Length && Ascii.EqualsIgnoreCase(name, Signature[i]))
                {
                    seen |= 1 << i;
                }
            }
        }

        return int.PopCount(seen) >= 2;
    }
}
