namespace Responder.Core.Ingest;

/// <summary>
/// Tracks bracket depth over JSON text fed in pieces, ignoring brackets inside strings.
/// Used to find where a pretty-printed document ends, and to tell "too deep" from "not JSON".
/// </summary>
internal struct JsonNesting
{
    private bool _inString;
    private bool _escaped;

    public int Depth { get; private set; }

    public int MaxDepth { get; private set; }

    public void Feed(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (b == (byte)'\\')
                {
                    _escaped = true;
                }
                else if (b == (byte)'"')
                {
                    _inString = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    Depth++;
                    MaxDepth = Math.Max(MaxDepth, Depth);
                    break;
                case (byte)'}' or (byte)']':
                    Depth--;
                    break;
            }
        }
    }

    public static int MaxDepthOf(ReadOnlySpan<byte> text)
    {
        var nesting = default(JsonNesting);
        nesting.Feed(text);
        return nesting.MaxDepth;
    }
}
