using System.Buffers.Binary;
using System.IO.Compression;

namespace Responder.Core.Ingest;

/// <summary>
/// Inflates gzip into pooled memory and stops at a cap, so a bomb (tiny input, huge output) costs
/// at most the cap. A stream that ends early, breaks or passes the cap is reported with what was
/// inflated before.
/// </summary>
internal static class Gzip
{
    private const int TrailerLength = 8;
    private const int ReadSize = 64 * 1024;

    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;

    public static InflateResult Inflate(byte[] compressed, int length, int cap, IngestBatch batch)
    {
        var buffer = Buffers.Rent(InitialSize(compressed.AsSpan(0, length), cap));
        var total = 0;
        try
        {
            using var input = new MemoryStream(compressed, 0, length, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            var limit = cap + 1;
            while (true)
            {
                // Bounded reads: when the stream breaks, everything from the reads before is kept.
                var room = Math.Min(Math.Min(buffer.Length, limit) - total, ReadSize);
                if (room <= 0)
                {
                    if (total >= limit)
                    {
                        break;
                    }

                    buffer = Grow(buffer, total, cap);
                    continue;
                }

                var read = gzip.Read(buffer, total, room);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (InvalidDataException ex)
        {
            // What inflated before the damage is genuine: keep it, so the events in it are not lost.
            batch.Adopt(buffer);
            return new InflateResult(InflateStatus.Corrupt, buffer.AsMemory(0, Math.Min(total, cap)), ex.Message);
        }

        batch.Adopt(buffer);
        if (total > cap)
        {
            return new InflateResult(InflateStatus.TooLarge, buffer.AsMemory(0, cap), null);
        }

        var status = EndsWithTrailer(compressed.AsSpan(0, length), total) ? InflateStatus.Complete : InflateStatus.Truncated;
        return new InflateResult(status, buffer.AsMemory(0, total), null);
    }

    // The gzip trailer ends with the inflated size mod 2^32: a cut stream almost never matches it.
    private static bool EndsWithTrailer(ReadOnlySpan<byte> compressed, int total) =>
        compressed.Length >= TrailerLength + 10 &&
        BinaryPrimitives.ReadUInt32LittleEndian(compressed[^4..]) == unchecked((uint)total);

    private static int InitialSize(ReadOnlySpan<byte> compressed, int cap)
    {
        var claimed = compressed.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(compressed[^4..]) : 0u;
        var guess = claimed is > 0 and <= int.MaxValue ? (long)claimed + 1 : (long)compressed.Length * 8;
        return (int)Math.Clamp(guess, 4096, (long)cap + 1);
    }

    private static byte[] Grow(byte[] buffer, int used, int cap)
    {
        var larger = Buffers.Rent((int)Math.Min((long)buffer.Length * 2, (long)cap + 1));
        buffer.AsSpan(0, used).CopyTo(larger);
        Buffers.Return(buffer);
        return larger;
    }
}

internal enum InflateStatus
{
    Complete,
    Truncated,
    TooLarge,
    Corrupt,
}

internal readonly record struct InflateResult(InflateStatus Status, Memory<byte> Data, string? Error);
