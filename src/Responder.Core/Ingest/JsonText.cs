using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// Turns JSON string values into bytes in batch-owned pooled memory, without a .NET string in between.
/// A string can be valid JSON yet not text: invalid UTF-8, or an escaped unpaired UTF-16 surrogate
/// (<c>"\ud800"</c>). The runtime throws when asked to decode one; these methods say so instead.
/// </summary>
internal static class JsonText
{
    public const string NotText = "is not text (invalid UTF-8 or an unpaired UTF-16 surrogate escape)";

    /// <summary>The unescaped UTF-8 content of a JSON string element; false when it is not text.</summary>
    public static bool TryUnescape(JsonElement text, IngestBatch batch, out ReadOnlyMemory<byte> content)
    {
        var raw = RawContent(text);
        var buffer = batch.Rent(raw.Length);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            raw.CopyTo(buffer);
            content = buffer.AsMemory(0, raw.Length);
            return true;
        }

        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(text));
        reader.Read();
        try
        {
            content = buffer.AsMemory(0, reader.CopyString(buffer));
            return true;
        }
        catch (InvalidOperationException)
        {
            content = default;
            return false;
        }
    }

    /// <summary>The value of a JSON string element, or null when it is not text.</summary>
    public static string? GetString(JsonElement text)
    {
        try
        {
            return text.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The value of the reader's current string token, or null when it is not text.</summary>
    public static string? GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
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
        length = 0;
        return GetString(text) is { } decoded && Convert.TryFromBase64String(decoded, bytes, out length);
    }

    private static ReadOnlySpan<byte> RawContent(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        return raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
    }
}
