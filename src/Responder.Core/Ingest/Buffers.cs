using System.Buffers;

namespace Responder.Core.Ingest;

/// <summary>
/// Pooled byte buffers for decoding. Small ones come from the shared pool; large ones (a decompressed
/// payload, tens of MiB) from a pool that keeps at most two per size. The shared pool also caches one
/// buffer per thread, so payload-sized buffers would pile up, one per thread pool thread that ever
/// touched a batch: a long-lived Lambda process would grow by a payload's size each time.
/// </summary>
internal static class Buffers
{
    private const int Large = 1024 * 1024;
    private static readonly ArrayPool<byte> LargePool = ArrayPool<byte>.Create(1024 * 1024 * 1024, 2);

    public static byte[] Rent(int length) =>
        length >= Large ? LargePool.Rent(length) : ArrayPool<byte>.Shared.Rent(length);

    public static void Return(byte[] array)
    {
        if (array.Length >= Large)
        {
            LargePool.Return(array);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
