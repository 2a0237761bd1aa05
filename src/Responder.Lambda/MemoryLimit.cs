namespace Responder.Lambda;

/// <summary>
/// .NET does not see Lambda's memory limit (the sandbox shows the host's memory), so without this the
/// GC would let the heap grow until Lambda kills the process. The limit leaves room for native memory:
/// stacks, zlib, the runtime itself.
/// </summary>
internal static class MemoryLimit
{
    private const double HeapShare = 0.85;

    /// <summary>Sets the GC heap hard limit from the function's memory size; returns the limit in bytes.</summary>
    public static ulong? Apply(int? memoryMegabytes)
    {
        if (memoryMegabytes is not { } megabytes)
        {
            return null;
        }

        var limit = (ulong)(megabytes * HeapShare) * 1024 * 1024;
        AppContext.SetData("GCHeapHardLimit", limit);
        GC.RefreshMemoryLimit();
        return limit;
    }
}
