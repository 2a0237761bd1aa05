using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>The alert object found in a record, or why there is none.</summary>
/// <param name="KubernetesKeys">How many <c>kubernetes</c> keys the record has (see <see cref="RecordKeys.KubernetesKeys"/>).</param>
internal readonly record struct Classified(RecordShape Shape, JsonElement AlertJson, JsonElement? Kubernetes, int KubernetesKeys, RejectCode? Code, string? Problem)
{
    public static Classified Alert(RecordShape shape, JsonElement alert, in RecordKeys record) =>
        new(shape, alert, record.Kubernetes.ValueKind == JsonValueKind.Object ? record.Kubernetes : null, record.KubernetesKeys, null, null);

    public static Classified Reject(RejectCode code, string problem) => new(default, default, null, 0, code, problem);
}
