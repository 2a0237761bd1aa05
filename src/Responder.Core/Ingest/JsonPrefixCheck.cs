using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// Checks JSON text fed in pieces and says as soon as it cannot be the start of one JSON document: a pretty-printed
/// document that breaks off (a line that cannot continue it, such as a whole alert after a lone "{") is then known
/// at that line, not at the end of the input. Holds only the unread end of the last piece (a token cut in two).
/// </summary>
internal sealed class JsonPrefixCheck
{
    // Deep enough for anything a pretty printer writes; how deep a document may be is the decoder's to judge.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 4096 };

    private readonly int _maxTail;
    private byte[] _buffer = Buffers.Rent(4096);
    private int _tail;
    private JsonReaderState _state = new(Options);

    public JsonPrefixCheck(int maxTail) => _maxTail = maxTail;

    /// <summary>The text fed so far cannot begin a JSON document (or goes on after one).</summary>
    public bool Broken { get; private set; }

    public void Reset()
    {
        _tail = 0;
        _state = new JsonReaderState(Options);
        Broken = false;
    }

    public void Feed(ReadOnlySpan<byte> piece)
    {
        if (Broken || piece.IsEmpty || _tail + piece.Length > _maxTail)
        {
            // A single token longer than the cap is past judging here; the document's size limit deals with it.
            return;
        }

        if (_tail + piece.Length > _buffer.Length)
        {
            var larger = Buffers.Rent(Math.Max(_buffer.Length * 2, _tail + piece.Length));
            _buffer.AsSpan(0, _tail).CopyTo(larger);
            Buffers.Return(_buffer);
            _buffer = larger;
        }

        piece.CopyTo(_buffer.AsSpan(_tail));
        var length = _tail + piece.Length;
        var reader = new Utf8JsonReader(_buffer.AsSpan(0, length), isFinalBlock: false, _state);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            Broken = true;
            return;
        }

        var consumed = (int)reader.BytesConsumed;
        _buffer.AsSpan(consumed, length - consumed).CopyTo(_buffer);
        _tail = length - consumed;
        _state = reader.CurrentState;
    }

    /// <summary>Whether one line is a whole JSON object or array by itself, as a line of line-delimited input is.</summary>
    public static bool IsDocument(ReadOnlySpan<byte> line)
    {
        line = line.Trim(" \t\r"u8);
        if (line.Length < 2 || line[0] is not ((byte)'{' or (byte)'['))
        {
            return false;
        }

        var reader = new Utf8JsonReader(line, Options);
        try
        {
            // One value, then the end: anything after it makes the reader throw.
            reader.Read();
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Return()
    {
        Buffers.Return(_buffer);
        _buffer = [];
    }
}
