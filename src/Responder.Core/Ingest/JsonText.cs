using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>Turns JSON string values into bytes in batch-owned pooled memory, without a .NET string in between.</summary>
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
        var written = reader.CopyString(buffer);
        return buffer.AsMemory(0, written);
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
        return Convert.TryFromBase64String(text.GetString()!, bytes, out length);
    }

    private static ReadOnlySpan<byte> RawContent(JsonElement text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        return raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
    }
}
