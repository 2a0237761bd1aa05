using System.Globalization;

namespace Responder.Core.Ingest;

/// <summary>
/// Splits an input stream into JSON documents without ever holding more than one of them.
/// One document per line; a line holding only <c>{</c> or <c>[</c> opens a pretty-printed document
/// that runs until its brackets close (how every pretty printer lays out an event file), at most
/// <c>maxDocumentLines</c> lines. A document larger than the byte cap is skipped to its end and reported,
/// not buffered. One that breaks off (a line that cannot continue it) or never closes is rejected from its
/// first line up to the next line that is a JSON document on its own, and reading resumes there: a stray
/// "{" costs one record, never the rest of the input.
/// </summary>
public sealed class DocumentReader(Stream stream, int maxDocumentBytes, int maxDocumentLines = DocumentReader.DefaultMaxLines) : IDisposable
{
    public const int DefaultMaxLines = 100_000;
    private const int ChunkSize = 64 * 1024;
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly JsonPrefixCheck _check = new(maxDocumentBytes);
    private readonly List<int> _lineStarts = [];
    private int _keptEnd;
    private byte[] _chunk = Buffers.Rent(ChunkSize);
    private int _chunkStart;
    private int _chunkEnd;
    private byte[]? _replay;
    private int _replayStart;
    private int _replayEnd;
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
            if (!ReadLine(ref nesting, check: false))
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
                document = ReadPrettyDocument(line, ref nesting);
                return true;
            }

            document = _docTotal > _docLength
                ? new InputDocument(line, ReadOnlyMemory<byte>.Empty, TooLarge: true, _docTotal)
                : new InputDocument(line, TrimmedMemory(), TooLarge: false, _docTotal);
            return true;
        }
    }

    private InputDocument ReadPrettyDocument(int first, ref JsonNesting nesting)
    {
        _check.Reset();
        _check.Feed(_doc.AsSpan(0, _docLength));
        _lineStarts.Clear();
        _lineStarts.Add(0);
        _keptEnd = _docLength;
        var lines = 1;
        var scanned = 1;
        var brokeAt = 0;
        while (nesting.Depth > 0 && lines < maxDocumentLines)
        {
            Append("\n"u8, ref nesting, track: false, check: true);
            var start = _docLength;
            if (!ReadLine(ref nesting, check: true))
            {
                return Resynchronise(first, "never closes: the input ends first", scanned);
            }

            _line++;
            lines++;
            if (_docTotal == _docLength)
            {
                _lineStarts.Add(start);
                _keptEnd = _docLength;
            }

            // Once the text cannot be one document, a line that is a document on its own is where the input goes on:
            // a lone "{" before line-delimited alerts. A typo inside a real document finds none before its end.
            if (_check.Broken && brokeAt == 0)
            {
                brokeAt = _line;
            }

            if (_check.Broken && FirstDocumentLine(ref scanned) is { } resume)
            {
                return Resynchronise(first, $"breaks off at line {brokeAt}, which cannot continue it", resume);
            }
        }

        if (nesting.Depth > 0)
        {
            return Resynchronise(first, $"does not close within {maxDocumentLines} lines", scanned);
        }

        // Closed: one document, even if it is not valid JSON (the decoder says where it is not).
        return _docTotal > _docLength
            ? new InputDocument(first, ReadOnlyMemory<byte>.Empty, TooLarge: true, _docTotal)
            : new InputDocument(first, TrimmedMemory(), TooLarge: false, _docTotal);
    }

    // The index of the first kept line after the opening one that is a document on its own, scanning each line once.
    private int? FirstDocumentLine(ref int scanned)
    {
        for (; scanned < _lineStarts.Count; scanned++)
        {
            if (JsonPrefixCheck.IsDocument(LineAt(scanned)))
            {
                return scanned;
            }
        }

        return null;
    }

    /// <summary>
    /// The lines of a document that is not one: rejected from its first line up to the first of its later lines that is
    /// a document on its own, which is read again, with the lines after it, as if the broken document had never opened.
    /// </summary>
    private InputDocument Resynchronise(int first, string why, int scanned)
    {
        var last = _line;
        var resume = _docTotal == _docLength ? FirstDocumentLine(ref scanned) ?? -1 : -1;
        var code = _docTotal > _docLength ? RejectCode.TooLarge : RejectCode.Malformed;
        if (resume > 0)
        {
            // Only lines that were all kept can be read again: past the byte cap, reading goes on after the last line.
            Replay(_doc.AsSpan(_lineStarts[resume], _keptEnd - _lineStarts[resume]));
            _line = first + resume - 1;
        }

        var through = resume > 0 ? first + resume - 1 : last;
        var lines = through == first ? string.Create(CultureInfo.InvariantCulture, $"line {first}")
            : string.Create(CultureInfo.InvariantCulture, $"lines {first} to {through}");
        var next = resume > 0 ? string.Create(CultureInfo.InvariantCulture, $"; reading resumes at line {through + 1}, a JSON document on its own") : string.Empty;
        return new InputDocument(first, ReadOnlyMemory<byte>.Empty, TooLarge: false, _docTotal)
        {
            Problem = (code, $"a JSON document opened by a lone bracket at line {first} {why}: {lines} rejected{next}"),
        };
    }

    private ReadOnlySpan<byte> LineAt(int index)
    {
        var start = _lineStarts[index];
        var end = index + 1 < _lineStarts.Count ? _lineStarts[index + 1] - 1 : _keptEnd;
        return _doc.AsSpan(start, end - start);
    }

    // The replayed lines come before whatever of the stream is still unread in the chunk.
    private void Replay(ReadOnlySpan<byte> lines)
    {
        var unread = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart);
        var pending = _replay is null ? ReadOnlySpan<byte>.Empty : _replay.AsSpan(_replayStart, _replayEnd - _replayStart);
        var replay = Buffers.Rent(lines.Length + 1 + unread.Length + pending.Length);
        lines.CopyTo(replay);
        replay[lines.Length] = (byte)'\n';
        unread.CopyTo(replay.AsSpan(lines.Length + 1));
        pending.CopyTo(replay.AsSpan(lines.Length + 1 + unread.Length));
        if (_replay is not null)
        {
            Buffers.Return(_replay);
        }

        _replay = replay;
        _replayStart = 0;
        _replayEnd = lines.Length + 1 + unread.Length + pending.Length;
        _chunkStart = _chunkEnd;
    }

    // Appends the next line (without its newline) to the document; false at end of input.
    private bool ReadLine(ref JsonNesting nesting, bool check)
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
            Append(piece, ref nesting, track: true, check);
            _chunkStart += newline < 0 ? piece.Length : newline + 1;
            if (newline >= 0)
            {
                return true;
            }
        }
    }

    private void Append(ReadOnlySpan<byte> piece, ref JsonNesting nesting, bool track, bool check)
    {
        if (track)
        {
            nesting.Feed(piece);
        }

        if (check)
        {
            _check.Feed(piece);
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
        _chunkStart = 0;
        if (_replay is not null)
        {
            _chunkEnd = Math.Min(_chunk.Length, _replayEnd - _replayStart);
            _replay.AsSpan(_replayStart, _chunkEnd).CopyTo(_chunk);
            _replayStart += _chunkEnd;
            if (_replayStart == _replayEnd)
            {
                Buffers.Return(_replay);
                _replay = null;
            }

            return true;
        }

        if (_eof)
        {
            return false;
        }

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
        if (_replay is not null)
        {
            Buffers.Return(_replay);
        }

        _check.Return();
        _chunk = [];
        _doc = [];
        _replay = null;
    }
}
