namespace Responder.Core.Ingest;

/// <summary>
/// One JSON document of the input. <see cref="Bytes"/> is only valid until the next read.
/// When <see cref="TooLarge"/> is set the bytes were not kept; <see cref="Length"/> says how many there were.
/// </summary>
public readonly record struct InputDocument(int Line, ReadOnlyMemory<byte> Bytes, bool TooLarge, long Length)
{
    /// <summary>Set when the lines were not a document at all (a pretty-printed one that breaks off): the record's rejection.</summary>
    public (RejectCode Code, string Message)? Problem { get; init; }

    /// <summary>The pooled array under <see cref="Bytes"/> of a detached document: the batch that decodes it keeps it.</summary>
    internal byte[]? Owned { get; init; }

    /// <summary>
    /// This document with bytes of its own, valid past the next read: for a document decoded on another thread while
    /// reading goes on. Its decoder keeps this copy for the batch's JSON views instead of copying again, and returns it
    /// to the pool with the batch; decode it once.
    /// </summary>
    public InputDocument Detach()
    {
        if (Bytes.IsEmpty || Owned is not null)
        {
            return this;
        }

        var owned = Buffers.Rent(Bytes.Length);
        Bytes.Span.CopyTo(owned);
        return this with { Bytes = owned.AsMemory(0, Bytes.Length), Owned = owned };
    }
}
