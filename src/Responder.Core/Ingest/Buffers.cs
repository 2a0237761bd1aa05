using System.Buffers;

namespace Responder.Core.Ingest;

/// <summary>
/// Pooled byte buffers for decoding. Small ones come from the shared pool; large ones (a decompressed payload, tens of
/// MiB) are kept apart: the shared pool caches one buffer per thread, so payload-sized buffers would pile up, one per
/// thread pool thread that ever touched a batch, and a long-lived Lambda process would grow by a payload's size each
/// time; and a pool with power-of-two buckets would hand out 32 MiB for a 17 MiB payload, memory the function pays for.
/// Large buffers are made to size, uninitialised (they are always written before they are read), and the last two
/// returned are kept for the next invocation.
/// </summary>
internal static class Buffers
{
    private const int Large = 1024 * 1024;
    private static readonly Lock Gate = new();
    private static readonly byte[]?[] Kept = new byte[]?[2];

    public static byte[] Rent(int length)
    {
        if (length < Large)
        {
            return ArrayPool<byte>.Shared.Rent(length);
        }

        lock (Gate)
        {
            for (var i = 0; i < Kept.Length; i++)
            {
                // A kept buffer serves a request it fits, unless it is far larger: then the memory is better given back.
                if (Kept[i] is { } kept && kept.Length >= length && kept.Length <= 2L * length)
                {
                    Kept[i] = null;
                    return kept;
                }
            }
        }

        return GC.AllocateUninitializedArray<byte>(length);
    }

    public static void Return(byte[] array)
    {
        if (array.Length < Large)
        {
            ArrayPool<byte>.Shared.Return(array);
            return;
        }

        lock (Gate)
        {
            // Keep the two largest: the next payload is most likely as large as the last ones.
            var smallest = Kept[0] is null ? 0 : Kept[1] is null ? 1 : Kept[0]!.Length <= Kept[1]!.Length ? 0 : 1;
            if (Kept[smallest] is null || Kept[smallest]!.Length < array.Length)
            {
                Kept[smallest] = array;
            }
        }
    }
}
