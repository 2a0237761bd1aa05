using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// The parsed documents one record owns alone: a record's message, and the log line parsed out of it. Released as soon as
/// the record is decided, so their pooled memory serves the next record instead of a batch holding thousands at once.
/// </summary>
internal readonly record struct RecordDocuments(JsonDocument? Message, JsonDocument? Line)
{
    public RecordDocuments With(JsonDocument? line) => this with { Line = line ?? Line };

    public void Dispose()
    {
        Line?.Dispose();
        Message?.Dispose();
    }
}
