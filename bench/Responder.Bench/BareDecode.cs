using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;
using System.Text.Json;
using Responder.Core.Ingest;

namespace Responder.Bench;

/// <summary>
/// The baseline: read each line, base64-decode awslogs.data, gunzip it, and make one Utf8JsonReader
/// pass over the payload and over every message. Nothing else: no shapes, no alerts, no report.
/// </summary>
internal static class BareDecode
{
    public static int Run(string input)
    {
        long messages = 0, tokens = 0;
        var compressed = new byte[1 << 20];
        var inflated = new byte[1 << 24];
        var message = new byte[1 << 18];
        using var file = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var lines = new DocumentReader(file, int.MaxValue / 2);
        while (lines.TryRead(out var line))
        {
            var reader = new Utf8JsonReader(line.Bytes.Span);
            while (reader.Read() && !(reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("data"u8)))
            {
            }

            reader.Read();
            EnsureCapacity(ref compressed, Base64.GetMaxDecodedFromUtf8Length(reader.ValueSpan.Length));
            Base64.DecodeFromUtf8(reader.ValueSpan, compressed, out _, out var length);

            using var gzip = new GZipStream(new MemoryStream(compressed, 0, length), CompressionMode.Decompress);
            var total = 0;
            int read;
            while ((read = gzip.Read(inflated, total, inflated.Length - total)) > 0)
            {
                total += read;
                if (total == inflated.Length)
                {
                    Array.Resize(ref inflated, inflated.Length * 2);
                }
            }

            var payload = new Utf8JsonReader(inflated.AsSpan(0, total));
            while (payload.Read())
            {
                tokens++;
                if (payload.TokenType == JsonTokenType.PropertyName && payload.ValueTextEquals("message"u8))
                {
                    payload.Read();
                    EnsureCapacity(ref message, payload.ValueSpan.Length);
                    var size = payload.CopyString(message);
                    var inner = new Utf8JsonReader(message.AsSpan(0, size));
                    while (inner.Read())
                    {
                        tokens++;
                    }

                    messages++;
                }
            }
        }

        Console.WriteLine($"{{\"messages\":{messages},\"tokens\":{tokens}}}");
        return 0;
    }

    private static void EnsureCapacity(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[length * 2];
        }
    }
}
