using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>The alert object found in a record, or why there is none.</summary>
internal readonly record struct Classified(RecordShape Shape, JsonElement AlertJson, JsonElement? Kubernetes, RejectCode? Code, string? Problem)
{
    public static Classified Alert(RecordShape shape, JsonElement alert, JsonElement? kubernetes) => new(shape, alert, kubernetes, null, null);

    public static Classified Reject(RejectCode code, string problem) => new(default, default, null, code, problem);
}
