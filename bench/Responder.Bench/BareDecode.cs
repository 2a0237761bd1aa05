using System.Buffers.Text;
using System.IO.Compression;
using System.Text.Json;
using Responder.Core.Ingest;

namespace Responder.Bench;

/// <summary>
/// The floor: base64-decode awslogs.data, gunzip it, and make one Utf8JsonReader pass over the payload
/// and over every message. Nothing else: no shapes, no alerts, no decisions, no report.
/// </summary>
internal sealed class BareDecode
{
    private byte[] _compressed = new byte[1 << 16];
    private byte[] _inflated = new byte[1 << 20];
    private byte[] _message = new byte[1 << 14];

    public long Messages { get; private set; }

    public long Tokens { get; private set; }

    /// <summary>The file mode: one CloudWatch Logs subscription event per line.</summary>
    public static int Run(string input)
    {
        var bare = new BareDecode();
        using var file = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var lines = new DocumentReader(file, int.MaxValue / 2);
        while (lines.TryRead(out var line))
        {
            bare.Event(line.Bytes.Span);
        }

        Console.WriteLine($"{{\"messages\":{bare.Messages},\"tokens\":{bare.Tokens}}}");
        return 0;
    }

    /// <summary>One event: {"awslogs":{"data":"base64 of gzip"}}.</summary>
    public void Event(ReadOnlySpan<byte> document)
    {
        var reader = new Utf8JsonReader(document);
        while (reader.Read() && !(reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("data"u8)))
        {
        }

        reader.Read();
        EnsureCapacity(ref _compressed, Base64.GetMaxDecodedFromUtf8Length(reader.ValueSpan.Length));
        Base64.DecodeFromUtf8(reader.ValueSpan, _compressed, out _, out var length);

        using var gzip = new GZipStream(new MemoryStream(_compressed, 0, length), CompressionMode.Decompress);
        var total = 0;
        int read;
        while ((read = gzip.Read(_inflated, total, _inflated.Length - total)) > 0)
        {
            total += read;
            if (total == _inflated.Length)
            {
                Array.Resize(ref _inflated, _inflated.Length * 2);
            }
        }

        var payload = new Utf8JsonReader(_inflated.AsSpan(0, total));
        while (payload.Read())
        {
            Tokens++;
            if (payload.TokenType == JsonTokenType.PropertyName && payload.ValueTextEquals("message"u8))
            {
                payload.Read();
                EnsureCapacity(ref _message, payload.ValueSpan.Length);
                var size = payload.CopyString(_message);
                var inner = new Utf8JsonReader(_message.AsSpan(0, size));
                while (inner.Read())
                {
                    Tokens++;
                }

                Messages++;
            }
        }
    }

    private static void EnsureCapacity(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[length * 2];
        }
    }
}
