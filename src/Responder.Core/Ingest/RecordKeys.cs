using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>
/// The keys of a record that tell its shape, found in one pass: the alert's signature keys (any case)
/// and the log shipper's keys (exact, as shippers write them). The first occurrence of a key counts.
/// </summary>
internal readonly struct RecordKeys
{
    private static readonly string[] Signature = ["rule", "priority", "output", "output_fields"];

    private RecordKeys(int signature, JsonElement log, JsonElement logProcessed, JsonElement kubernetes, int kubernetesKeys, bool stream, bool uuid)
    {
        SignatureCount = signature;
        KubernetesKeys = kubernetesKeys;
        Log = log;
        LogProcessed = logProcessed;
        Kubernetes = kubernetes;
        HasStream = stream;
        HasUuid = uuid;
    }

    /// <summary>How many of rule, priority, output and output_fields are present.</summary>
    public int SignatureCount { get; }

    /// <summary>At least two signature keys: the object is an alert (usable or not is decided later).</summary>
    public bool IsAlert => SignatureCount >= 2;

    public JsonElement Log { get; }

    public JsonElement LogProcessed { get; }

    public JsonElement Kubernetes { get; }

    /// <summary>
    /// How many <c>kubernetes</c> keys the record has. Fluent Bit writes one; a second means a line that
    /// brought its own (merged at the root by <c>Merge_Log</c>), which must not be mistaken for the shipper's.
    /// </summary>
    public int KubernetesKeys { get; }

    public bool HasStream { get; }

    public bool HasUuid { get; }

    /// <summary>The shape of a record whose alert keys sit at its root.</summary>
    public RecordShape RootShape =>
        Log.ValueKind != JsonValueKind.Undefined ? RecordShape.Merged
        : Kubernetes.ValueKind != JsonValueKind.Undefined || HasStream ? RecordShape.MergedNoLog
        : HasUuid ? RecordShape.Sidekick
        : RecordShape.RawAlert;

    public static RecordKeys Of(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        var seen = 0;
        JsonElement log = default, processed = default, kubernetes = default;
        bool stream = false, uuid = false;
        var kubernetesKeys = 0;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            for (var i = 0; i < Signature.Length; i++)
            {
                if ((seen & (1 << i)) == 0 && name.Length == Signature[i].Length && Ascii.EqualsIgnoreCase(name, Signature[i]))
                {
                    seen |= 1 << i;
                }
            }

            // An escaped name ("kuberne\u0074es") is still the key a JSON reader would see.
            if (name.IndexOf((byte)'\\') >= 0 && property.NameEquals("kubernetes"u8))
            {
                kubernetes = kubernetesKeys++ == 0 ? property.Value : kubernetes;
            }

            switch (name.Length)
            {
                case 3 when log.ValueKind == JsonValueKind.Undefined && name.SequenceEqual("log"u8):
                    log = property.Value;
                    break;
                case 13 when processed.ValueKind == JsonValueKind.Undefined && name.SequenceEqual("log_processed"u8):
                    processed = property.Value;
                    break;
                case 10 when name.SequenceEqual("kubernetes"u8):
                    kubernetes = kubernetesKeys++ == 0 ? property.Value : kubernetes;
                    break;
                case 6:
                    stream |= name.SequenceEqual("stream"u8);
                    break;
                case 4:
                    uuid |= name.SequenceEqual("uuid"u8);
                    break;
            }
        }

        return new RecordKeys(int.PopCount(seen), log, processed, kubernetes, kubernetesKeys, stream, uuid);
    }
}
