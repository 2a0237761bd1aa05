
namespace Responder.Core.Ingest;

/// <summary>
/// Splits an input stream into JSON documents without ever holding more than one of them.
/// One document per line; a line holding only <c>{</c> or <c>[</c> opens a pretty-printed document
/// that runs until its brackets close (how every pretty printer lays out an event file).
/// A document larger than the cap is skipped to its end and reported, not buffered.
/// </summary>
public sealed class DocumentReader(Stream stream, int maxDocumentBytes) : IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private byte[] _chunk = Buffers.Rent(ChunkSize);
    private int _chunkStart;
    private int _chunkEnd;
    private bool _eof;
    private bool _started;
    private byte[] _doc = Buffers.Rent(ChunkSize);
    private int _docLength;
    private long _docTotal;
    private int _line;

    /// <summary>Bytes consumed from the stream so far, for progress reports.</summary>
    public long BytesRead { get; private set; }

    public bool TryRead(out InputDocument document)
    {
        while (true)
        {
            _docLength = 0;
            _docTotal = 0;
            var nesting = default(JsonNesting);
            if (!ReadLine(ref nesting))
            {
                document = default;
                return false;
            }

            var line = ++_line;
            var content = Trim(_doc.AsSpan(0, _docLength));
            if (_docTotal == 0 || (_docTotal == _docLength && content.IsEmpty))
            {
                continue;
            }

            if (_docTotal == _docLength && content.Length == 1 && content[0] is (byte)'{' or (byte)'[')
            {
                ReadRestOfDocument(ref nesting);
            }

            document = _docTotal > _docLength
                ? new InputDocument(line, ReadOnlyMemory<byte>.Empty, TooLarge: true, _docTotal)
                : new InputDocument(line, TrimmedMemory(), TooLarge: false, _docTotal);
            return true;
        }
    }

    private void ReadRestOfDocument(ref JsonNesting nesting)
    {
        while (nesting.Depth > 0)
        {
            Append("\n"u8, ref nesting, track: false);
            if (!ReadLine(ref nesting))
            {
                return;
            }

            _line++;
        }
    }

    // Appends the next line (without its newline) to the document; false at end of input.
    private bool ReadLine(ref JsonNesting nesting)
    {
        var any = false;
        while (true)
        {
            if (_chunkStart == _chunkEnd && !Fill())
            {
                return any;
            }

            any = true;
            var available = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart);
            var newline = available.IndexOf((byte)'\n');
            var piece = newline < 0 ? available : available[..newline];
            Append(piece, ref nesting, track: true);
            _chunkStart += newline < 0 ? piece.Length : newline + 1;
            if (newline >= 0)
            {
                return true;
            }
        }
    }

    private void Append(ReadOnlySpan<byte> piece, ref JsonNesting nesting, bool track)
    {
        if (track)
        {
            nesting.Feed(piece);
        }

        _docTotal += piece.Length;
        if (_docTotal > maxDocumentBytes)
        {
            return;
        }

        if (_docLength + piece.Length > _doc.Length)
        {
            var larger = Buffers.Rent(Math.Min(Math.Max(_doc.Length * 2, _docLength + piece.Length), maxDocumentBytes));
            _doc.AsSpan(0, _docLength).CopyTo(larger);
            Buffers.Return(_doc);
            _doc = larger;
        }

        piece.CopyTo(_doc.AsSpan(_docLength));
        _docLength += piece.Length;
    }

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        _chunkStart = 0;
        _chunkEnd = stream.Read(_chunk, 0, _chunk.Length);
        BytesRead += _chunkEnd;
        if (_chunkEnd == 0)
        {
            _eof = true;
            return false;
        }

        if (!_started)
        {
            _started = true;
            if (_chunk.AsSpan(0, _chunkEnd).StartsWith(Bom))
            {
                _chunkStart = Bom.Length;
            }
        }

        return true;
    }

    private ReadOnlyMemory<byte> TrimmedMemory()
    {
        var span = _doc.AsSpan(0, _docLength);
        var start = span.Length - span.TrimStart(Whitespace).Length;
        var trimmed = span.Trim(Whitespace);
        return _doc.AsMemory(start, trimmed.Length);
    }

    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span) => span.Trim(Whitespace);

    public void Dispose()
    {
        Buffers.Return(_chunk);
        Buffers.Return(_doc);
        _chunk = [];
        _doc = [];
    }
}
