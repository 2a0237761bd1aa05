using System.Globalization;
using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>The envelope walk for one document: which envelope, which records, with which ids.</summary>
internal sealed class DecodeContext(IngestBatch batch, DocumentBudget budget, MergeKeys mergeKeys, string id, RecordOrigin origin, CancellationToken cancellationToken)
{
    /// <summary>Called with each record once added.</summary>
    public Action<IngestedRecord>? Decided { get; init; }

    public void DecodeRoot(JsonElement root, bool inDrill = false)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object when root.TryGetProperty("awslogs"u8, out var awslogs):
                batch.Envelope = EnvelopeKind.CloudWatchLogs;
                AddCloudWatch(awslogs, origin with { Envelope = EnvelopeKind.CloudWatchLogs });
                break;
            case JsonValueKind.Object when root.TryGetProperty("Records"u8, out var records) && records.ValueKind == JsonValueKind.Array:
                AddRecords(records);
                break;
            case JsonValueKind.Object when !inDrill && root.TryGetProperty("drill"u8, out var drill) && drill.ValueKind == JsonValueKind.Object:
                AddDrill(root, drill);
                break;
            case JsonValueKind.Object:
                Add(id, origin, RecordClassifier.FromElement(root, budget.Limits, mergeKeys, batch), null);
                break;
            case JsonValueKind.Array:
                batch.Envelope = EnvelopeKind.Array;
                AddArray(root);
                break;
            case JsonValueKind.String:
                AddString(id, origin, root);
                break;
            default:
                Reject(id, origin, RejectCode.NotAnAlert, $"a JSON {Kind(root)}, not an event or an alert");
                break;
        }
    }

    public void AddText(string recordId, RecordOrigin recordOrigin, ReadOnlyMemory<byte> text, DateTimeOffset? logTime) =>
        Add(recordId, recordOrigin, RecordClassifier.FromText(text, budget.Limits, mergeKeys, batch), logTime);

    /// <summary>Every record goes through here: the place to count it, and to stop when the deadline comes.</summary>
    private void Added()
    {
        budget.Record();
        cancellationToken.ThrowIfCancellationRequested();
    }

    // One record for the rest of a list once the document's record budget is spent: each would cost as much as one decoded.
    private void RejectRest(string recordId, RecordOrigin recordOrigin, int left, string what) =>
        Reject(recordId, recordOrigin, RejectCode.TooLarge, string.Create(CultureInfo.InvariantCulture,
            $"{left} {what} from this one on not decoded: the document has reached {budget.RecordBudget}"));

    private void AddDrill(JsonElement root, JsonElement drill)
    {
        var marker = drill.TryGetProperty("marker"u8, out var value) && value.ValueKind == JsonValueKind.String ? JsonText.GetString(value) : null;
        var drillContext = new DecodeContext(batch, budget, mergeKeys, id, origin with { Drill = true, DrillMarker = marker }, cancellationToken) { Decided = Decided };
        batch.Drill = true;
        if (!root.TryGetProperty("event"u8, out var inner))
        {
            Reject(id, origin, RejectCode.Malformed, "the drill wrapper has no \"event\"");
            return;
        }

        drillContext.DecodeRoot(inner, inDrill: true);
    }

    private void AddArray(JsonElement array)
    {
        var arrayOrigin = origin with { Envelope = EnvelopeKind.Array };
        var index = 0;
        var count = array.GetArrayLength();
        foreach (var element in array.EnumerateArray())
        {
            var recordId = Position(++index);
            if (budget.RecordsLeft == 0)
            {
                RejectRest(recordId, arrayOrigin, count - index + 1, "array element(s)");
                break;
            }

            if (element.ValueKind == JsonValueKind.String)
            {
                AddString(recordId, arrayOrigin, element);
            }
            else
            {
                Add(recordId, arrayOrigin, RecordClassifier.FromElement(element, budget.Limits, mergeKeys, batch), null);
            }
        }
    }

    private void AddRecords(JsonElement records)
    {
        var index = 0;
        var count = records.GetArrayLength();
        foreach (var record in records.EnumerateArray())
        {
            var position = Position(++index);
            if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("kinesis"u8, out var kinesis))
            {
                batch.Envelope = EnvelopeKind.Kinesis;
                AddKinesis(kinesis, position);
            }
            else if (budget.RecordsLeft == 0)
            {
                RejectRest(position, origin, count - index + 1, "record(s)");
                break;
            }
            else if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("Sns"u8, out var sns))
            {
                batch.Envelope = EnvelopeKind.Sns;
                AddSns(sns, position);
            }
            else
            {
                var source = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("eventSource"u8, out var s) ? s.GetRawText().Trim('"') : "none";
                Reject(position, origin, RejectCode.NotAnAlert, $"record {index} is neither a Kinesis nor an SNS record (eventSource {Bounded(source)})");
            }
        }
    }

    private void AddSns(JsonElement sns, string position)
    {
        var snsOrigin = origin with { Envelope = EnvelopeKind.Sns };
        var recordId = StringProperty(sns, "MessageId"u8) ?? position;
        if (!sns.TryGetProperty("Message"u8, out var message) || message.ValueKind != JsonValueKind.String)
        {
            Reject(recordId, snsOrigin, RejectCode.Malformed, "the SNS record has no Message string");
            return;
        }

        AddString(recordId, snsOrigin, message);
    }

    private void AddKinesis(JsonElement kinesis, string position)
    {
        var sequence = StringProperty(kinesis, "sequenceNumber"u8);
        var kinesisOrigin = origin with { Envelope = EnvelopeKind.Kinesis, SequenceNumber = sequence };
        var recordId = sequence ?? position;
        if (!kinesis.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.String)
        {
            Reject(recordId, kinesisOrigin, RejectCode.Malformed, "kinesis.data is missing or not a string");
            return;
        }

        if (!JsonText.TryDecodeBase64(data, batch, out var bytes, out var length))
        {
            Reject(recordId, kinesisOrigin, RejectCode.Malformed, "kinesis.data is not valid base64");
            return;
        }

        // A record after one already decoded can wait for a retry, whole, when it does not fit what the
        // invocation has left; the first is read as far as the budget goes, so every invocation makes progress.
        var mayDefer = budget.KinesisDecoded && sequence is not null;
        var added = budget.RecordsLeft == 0
            ? !mayDefer && Rejected(recordId, kinesisOrigin, $"kinesis record not decoded: the document has reached {budget.RecordBudget}")
            : Gzip.IsGzip(bytes.AsSpan(0, length))
                ? new CloudWatchBatch(this, batch, budget).Add(bytes, length, recordId, kinesisOrigin, "kinesis.data", mayDefer)
                : Added(recordId, kinesisOrigin, bytes.AsMemory(0, length));
        if (!added)
        {
            batch.Records.Add(IngestedRecord.Rejected(recordId, kinesisOrigin, RejectCode.TooLarge,
                $"kinesis record not decoded: what it holds does not fit in what is left of {budget.InflatedBudget} and {budget.RecordBudget} after the records before it; it is left for a retry (listed in batchItemFailures)",
                retrySequence: sequence));
            budget.Record();
            return;
        }

        budget.KinesisDecoded = true;
    }

    private bool Added(string recordId, RecordOrigin recordOrigin, ReadOnlyMemory<byte> text)
    {
        AddText(recordId, recordOrigin, text, null);
        return true;
    }

    private bool Rejected(string recordId, RecordOrigin recordOrigin, string message)
    {
        Reject(recordId, recordOrigin, RejectCode.TooLarge, message);
        return true;
    }

    private void AddCloudWatch(JsonElement awslogs, RecordOrigin cloudWatchOrigin)
    {
        if (awslogs.ValueKind != JsonValueKind.Object || !awslogs.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.String)
        {
            Reject(id, cloudWatchOrigin, RejectCode.Malformed, "awslogs.data is missing or not a string");
            return;
        }

        if (!JsonText.TryDecodeBase64(data, batch, out var bytes, out var length))
        {
            Reject(id, cloudWatchOrigin, RejectCode.Malformed, "awslogs.data is not valid base64");
            return;
        }

        if (!Gzip.IsGzip(bytes.AsSpan(0, length)))
        {
            Reject(id, cloudWatchOrigin, RejectCode.Malformed, "awslogs.data is not gzip-compressed");
            return;
        }

        new CloudWatchBatch(this, batch, budget).Add(bytes, length, id, cloudWatchOrigin, "awslogs.data");
    }

    private void AddString(string recordId, RecordOrigin recordOrigin, JsonElement text) =>
        AddText(recordId, recordOrigin, JsonText.Unescape(text, batch), null);

    public void Add(string recordId, RecordOrigin recordOrigin, Classified classified, DateTimeOffset? logTime)
    {
        var record = classified.Code is { } code
            ? IngestedRecord.Rejected(recordId, recordOrigin, code, classified.Problem!)
            : IngestedRecord.Candidate(recordId, recordOrigin, logTime, classified);
        batch.Records.Add(record);
        Decided?.Invoke(record);
        Added();
    }

    public void Reject(string recordId, RecordOrigin recordOrigin, RejectCode code, string message)
    {
        batch.Records.Add(IngestedRecord.Rejected(recordId, recordOrigin, code, message));
        Added();
    }

    private string Position(int index) => string.Create(CultureInfo.InvariantCulture, $"{id}:{index}");

    private static string? StringProperty(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? JsonText.GetString(value) : null;

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static string Bounded(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
