using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>The alert object found in a record, or why there is none.</summary>
/// <param name="KubernetesKeys">How many <c>kubernetes</c> keys the record has (see <see cref="RecordKeys.KubernetesKeys"/>).</param>
internal readonly record struct Classified(RecordShape Shape, JsonElement AlertJson, JsonElement? Kubernetes, int KubernetesKeys, RejectCode? Code, string? Problem)
{
    /// <summary>The alert's JSON text, where it can be kept past its documents: empty when it lives in a document the batch shares.</summary>
    public ReadOnlyMemory<byte> AlertBytes { get; init; }

    /// <summary>The documents parsed for this record alone (its message, and the log line inside it), which it may release once decided.</summary>
    public RecordDocuments Documents { get; init; }

    public static Classified Alert(RecordShape shape, JsonElement alert, in RecordKeys record) =>
        new(shape, alert, record.Kubernetes.ValueKind == JsonValueKind.Object ? record.Kubernetes : null, record.KubernetesKeys, null, null);

    public static Classified Reject(RejectCode code, string problem) => new(default, default, null, 0, code, problem);
}
