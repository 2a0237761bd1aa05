using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Responder.Core.Alerts;

namespace Responder.Core.Ingest;

/// <summary>
/// Turns JSON string values into bytes in batch-owned pooled memory, without a .NET string in between.
/// A string can be valid JSON yet not text (invalid UTF-8, an escaped unpaired surrogate); the runtime
/// throws on those, so they are read leniently instead (<see cref="LenientText"/>): odd bytes in one
/// field must never cost a record, let alone a batch.
/// </summary>
internal static class JsonText
{
    /// <summary>The unescaped UTF-8 content of a JSON string element.</summary>
    public static ReadOnlyMemory<byte> Unescape(JsonElement text, IngestBatch batch)
    {
        var raw = RawContent(text);
        var buffer = batch.Rent(raw.Length);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            raw.CopyTo(buffer);
            return buffer.AsMemory(0, raw.Length);
        }

        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(text));
        reader.Read();
        try
        {
            return buffer.AsMemory(0, reader.CopyString(buffer));
        }
        catch (InvalidOperationException)
        {
            return Lenient(raw, batch);
        }
    }

    /// <summary>
    /// The unescaped content of the reader's current string token, in <paramref name="destination"/> (which
    /// must hold the escaped length, and may be the token's own bytes: unescaping only ever writes behind
    /// where it reads). Text that could fail part way (invalid UTF-8, \u escapes that may be unpaired
    /// surrogates) is unescaped elsewhere first, so a failure never leaves the source half overwritten.
    /// </summary>
    public static ReadOnlyMemory<byte> Unescape(ref Utf8JsonReader reader, Memory<byte> destination, IngestBatch batch)
    {
        var raw = reader.ValueSpan;
        if (!Utf8.IsValid(raw))
        {
            return Lenient(raw, batch);
        }

        if (raw.IndexOf("\\u"u8) < 0)
        {
            return destination[..reader.CopyString(destination.Span)];
        }

        var buffer = batch.Rent(raw.Length);
        try
        {
            return buffer.AsMemory(0, reader.CopyString(buffer));
        }
        catch (InvalidOperationException)
        {
            return Lenient(raw, batch);
        }
    }

    /// <summary>The value of a JSON string element, read leniently.</summary>
    public static string GetString(JsonElement text) => LenientText.GetString(text);

    /// <summary>The value of the reader's current string token, read leniently.</summary>
    public static string GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return LenientText.Decode(reader.ValueSpan);
        }
    }

    /// <summary>Decodes a base64 JSON string into pooled memory owned by the batch; false when it is not base64.</summary>
    public static bool TryDecodeBase64(JsonElement text, IngestBatch batch, out byte[] bytes, out int length)
    {
        var raw = RawContent(text);
        bytes = batch.Rent(Base64.GetMaxDecodedFromUtf8Length(raw.Length));
        if (raw.IndexOf((byte)'\\') < 0 &&
            Base64.DecodeFromUtf8(raw, bytes, out _, out length) == OperationStatus.Done)
        {
            return true;
        }

        // Escaped slashes or line-wrapped base64: the slow, forgiving path.
        return Convert.TryFromBase64String(GetString(text), bytes, out length);
    }

    private static ReadOnlyMemory<byte> Lenient(ReadOnlySpan<byte> raw, IngestBatch batch)
    {
        var text = LenientText.Decode(raw);
        var buffer = batch.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        return buffer.AsMemory(0, Encoding.UTF8.GetBytes(text, buffer));
    }

    private static ReadOnlySpan<byte> RawContent(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        return raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
    }
}
