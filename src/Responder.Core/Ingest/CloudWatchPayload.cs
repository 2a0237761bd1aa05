using System.Globalization;
using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// The decompressed body of a CloudWatch Logs subscription delivery, read in one forward pass.
/// Each message is unescaped in place, over its own escaped text in the payload buffer (unescaped text
/// is never longer): no second buffer the size of the payload, no allocation per record.
/// When the JSON breaks part way (a truncated stream), the events read before the break are kept.
/// </summary>
internal sealed class CloudWatchPayload
{
    public string? MessageType { get; private set; }

    public string? Owner { get; private set; }

    public string? LogGroup { get; private set; }

    public string? LogStream { get; private set; }

    public bool HasLogEvents { get; private set; }

    public List<LogEvent> Events { get; } = [];

    /// <summary>Why reading stopped early, or null when the payload was read to its end.</summary>
    public (RejectCode Code, string Message)? Error { get; private set; }

    public bool IsControlMessage => MessageType == "CONTROL_MESSAGE";

    /// <param name="json">The payload, in memory the batch owns; messages are unescaped over it.</param>
    public static CloudWatchPayload Read(Memory<byte> json, InputLimits limits, IngestBatch batch)
    {
        var payload = new CloudWatchPayload();
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = limits.MaxJsonDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                payload.Error = (RejectCode.Malformed, "the CloudWatch Logs payload is not a JSON object");
                return payload;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("logEvents"u8))
                {
                    reader.Read();
                    payload.HasLogEvents = reader.TokenType == JsonTokenType.StartArray;
                    if (!payload.HasLogEvents)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        payload.Events.Add(ReadEvent(ref reader, limits, json, batch, payload.Events.Count));
                    }
                }
                else
                {
                    payload.ReadMetadata(ref reader);
                }
            }
        }
        catch (JsonException ex)
        {
            payload.Error = JsonErrors.Classify(ex, json.Span, limits);
        }

        return payload;
    }

    private void ReadMetadata(ref Utf8JsonReader reader)
    {
        var name = reader.ValueSpan;
        var isType = name.SequenceEqual("messageType"u8);
        var isOwner = name.SequenceEqual("owner"u8);
        var isGroup = name.SequenceEqual("logGroup"u8);
        var isStream = name.SequenceEqual("logStream"u8);
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return;
        }

        if (isType)
        {
            MessageType = JsonText.GetString(ref reader);
        }
        else if (isOwner)
        {
            Owner = JsonText.GetString(ref reader);
        }
        else if (isGroup)
        {
            LogGroup = JsonText.GetString(ref reader);
        }
        else if (isStream)
        {
            LogStream = JsonText.GetString(ref reader);
        }
    }

    private static LogEvent ReadEvent(ref Utf8JsonReader reader, InputLimits limits, Memory<byte> json, IngestBatch batch, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new LogEvent(null, null, default, RejectCode.Malformed, $"log event {index + 1} is not a JSON object");
        }

        string? id = null;
        long? timestamp = null;
        ReadOnlyMemory<byte>? message = null;
        (RejectCode Code, string Text) problem = (RejectCode.Malformed, "the log event has no message");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType switch
                {
                    JsonTokenType.String => JsonText.GetString(ref reader),
                    JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
                reader.Skip();
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                timestamp = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ms) ? ms : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                (message, problem) = ReadMessage(ref reader, limits, json, batch);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return message is { } text
            ? new LogEvent(id, timestamp, text, null, null)
            : new LogEvent(id, timestamp, default, problem.Code, problem.Text);
    }

    private static (ReadOnlyMemory<byte>? Message, (RejectCode Code, string Text) Problem) ReadMessage(
        ref Utf8JsonReader reader, InputLimits limits, Memory<byte> json, IngestBatch batch)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return (null, (RejectCode.Malformed, "the log event's message is not a string"));
        }

        // The reader has moved past this string: its bytes can be overwritten with the unescaped text.
        var start = (int)reader.TokenStartIndex + 1;
        var message = reader.ValueIsEscaped
            ? JsonText.Unescape(ref reader, json[start..], batch)
            : json.Slice(start, reader.ValueSpan.Length);
        return message.Length > limits.MaxMessageBytes
            ? (null, (RejectCode.TooLarge, TooLargeMessage(message.Length, limits)))
            : (message, default);
    }

    internal static string TooLargeMessage(long length, InputLimits limits) =>
        string.Create(CultureInfo.InvariantCulture, $"message of {length} bytes exceeds limits.max_message_bytes ({limits.MaxMessageBytes})");

    /// <summary>One log event; <see cref="Code"/> is set when it has no usable message.</summary>
    internal readonly record struct LogEvent(string? Id, long? Timestamp, ReadOnlyMemory<byte> Message, RejectCode? Code, string? Problem);
}
