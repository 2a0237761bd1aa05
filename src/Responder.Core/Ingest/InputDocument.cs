namespace Responder.Core.Ingest;

/// <summary>
/// One JSON document of the input. <see cref="Bytes"/> is only valid until the next read.
/// When <see cref="TooLarge"/> is set the bytes were not kept; <see cref="Length"/> says how many there were.
/// </summary>
public readonly record struct InputDocument(int Line, ReadOnlyMemory<byte> Bytes, bool TooLarge, long Length)
{
    /// <summary>Set when the lines were not a document at all (a pretty-printed one that breaks off): the record's rejection.</summary>
    public (RejectCode Code, string Message)? Problem { get; init; }
}
