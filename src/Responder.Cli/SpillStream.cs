namespace Responder.Cli;

/// <summary>
/// A scratch stream kept in memory up to a threshold, then moved to a temporary file that is deleted
/// on close: a million rejections must not cost a gigabyte of memory.
/// </summary>
internal sealed class SpillStream(int threshold = 4 * 1024 * 1024) : Stream
{
    private Stream _inner = new MemoryStream();
    private bool _spilled;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_spilled && _inner.Length + buffer.Length > threshold)
        {
            Spill();
        }

        _inner.Write(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void SetLength(long value) => _inner.SetLength(value);

    public override void Flush() => _inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Spill()
    {
        var file = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        _inner.Position = 0;
        _inner.CopyTo(file);
        _inner.Dispose();
        _inner = file;
        _spilled = true;
    }
}
