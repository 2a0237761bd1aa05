using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// The records of one input document, and the pooled memory their JSON views point into.
/// Dispose after the batch has been reported.
/// </summary>
public sealed class IngestBatch : IDisposable
{
    private readonly List<byte[]> _rented = [];
    private readonly List<JsonDocument> _documents = [];

    public List<IngestedRecord> Records { get; } = [];

    /// <summary>The envelope the document turned out to be (Direct when it could not be read).</summary>
    public EnvelopeKind Envelope { get; internal set; } = EnvelopeKind.Direct;

    /// <summary>True when the document came in the drill wrapper.</summary>
    public bool Drill { get; internal set; }

    internal byte[] Rent(int length)
    {
        var array = Buffers.Rent(Math.Max(length, 16));
        _rented.Add(array);
        return array;
    }

    /// <summary>Takes ownership of an array rented from the shared pool.</summary>
    internal void Adopt(byte[] rented) => _rented.Add(rented);

    internal JsonDocument Own(JsonDocument document)
    {
        _documents.Add(document);
        return document;
    }

    public void Dispose()
    {
        foreach (var record in Records)
        {
            record.Release();
        }

        foreach (var document in _documents)
        {
            document.Dispose();
        }

        foreach (var array in _rented)
        {
            Buffers.Return(array);
        }

        _documents.Clear();
        _rented.Clear();
        Records.Clear();
    }
}
