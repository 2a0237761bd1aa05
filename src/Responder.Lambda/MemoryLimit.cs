namespace Responder.Lambda;

/// <summary>
/// .NET does not see Lambda's memory limit (the sandbox shows the host's memory), so without this the
/// GC would let the heap grow until Lambda kills the process. The limit leaves room for native memory:
/// stacks, zlib, the runtime itself.
/// </summary>
internal static class MemoryLimit
{
    private const double HeapShare = 0.85;

    // Between invocations almost nothing is alive; a heap this large is garbage from the last batch.
    private const long TidyAbove = 32L * 1024 * 1024;

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

    /// <summary>
    /// After a large invocation, collect before the next one. A batch keeps its objects alive while it
    /// runs, so they survive into the older generations, where the GC would let them pile up towards
    /// the hard limit before a full collection: RSS would climb invocation after invocation. Collecting
    /// here, after the response is posted, costs a few milliseconds when there is little left alive.
    /// </summary>
    public static void Tidy()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) > TidyAbove)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }
}
