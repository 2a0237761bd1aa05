using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// One record of an envelope: either a candidate alert object (not yet validated) or a rejection.
/// JSON views stay valid until the owning <see cref="IngestBatch"/> is disposed.
/// </summary>
public sealed class IngestedRecord
{
    private IngestedRecord(string id, RecordOrigin origin)
    {
        Id = id;
        Origin = origin;
    }

    public string Id { get; }

    public RecordOrigin Origin { get; }

    /// <summary>The log event's timestamp, when the envelope has one.</summary>
    public DateTimeOffset? LogTime { get; private init; }

    public RecordShape Shape { get; private init; }

    /// <summary>The alert object; undefined when <see cref="Rejection"/> is set.</summary>
    public JsonElement Alert { get; private set; }

    /// <summary>Fluent Bit's <c>kubernetes</c> block: the pod that wrote the line (the Falco pod, if genuine).</summary>
    public JsonElement? Kubernetes { get; private set; }

    /// <summary>
    /// How many <c>kubernetes</c> keys the record has: 0 (no shipper metadata), 1 (<see cref="Kubernetes"/>,
    /// or a value that is not an object), or more (a line that brought its own beside the shipper's).
    /// </summary>
    public int KubernetesKeys { get; private init; }

    public Rejection? Rejection { get; private init; }

    /// <summary>The alert's JSON text, which outlives <see cref="Alert"/>: empty when the alert lives in a document the batch shares.</summary>
    public ReadOnlyMemory<byte> AlertBytes { get; private init; }

    private RecordDocuments Documents { get; set; }

    /// <summary>What the pipeline made of the record while its batch was still being decoded: an outcome or a rejection.</summary>
    internal object? Decided { get; set; }

    /// <summary>Whether <see cref="Release"/> can free the record's parse: its alert's text is kept to be read again.</summary>
    internal bool Releasable => !AlertBytes.IsEmpty && Documents.Message is not null;

    internal static IngestedRecord Candidate(string id, RecordOrigin origin, DateTimeOffset? logTime, in Classified classified) =>
        new(id, origin)
        {
            LogTime = logTime,
            Shape = classified.Shape,
            Alert = classified.AlertJson,
            Kubernetes = classified.Kubernetes,
            KubernetesKeys = classified.KubernetesKeys,
            AlertBytes = classified.AlertBytes,
            Documents = classified.Documents,
        };

    public static IngestedRecord Candidate(
        string id, RecordOrigin origin, DateTimeOffset? logTime, RecordShape shape, JsonElement alert, JsonElement? kubernetes, int kubernetesKeys) =>
        new(id, origin) { LogTime = logTime, Shape = shape, Alert = alert, Kubernetes = kubernetes, KubernetesKeys = kubernetesKeys };

    /// <summary>
    /// Frees the documents parsed for this record alone, once it is decided: <see cref="Alert"/> and <see cref="Kubernetes"/>
    /// may not be read after. Idempotent.
    /// </summary>
    internal void Release()
    {
        if (Releasable)
        {
            // The views into the released documents would keep each document's object alive, batch-long, for nothing.
            Alert = default;
            Kubernetes = null;
        }

        Documents.Dispose();
        Documents = default;
    }

    public static IngestedRecord Rejected(string id, RecordOrigin origin, RejectCode code, string message, string? retrySequence = null) =>
        new(id, origin) { Rejection = new Rejection(id, code, message) { RetrySequence = retrySequence } };
}
