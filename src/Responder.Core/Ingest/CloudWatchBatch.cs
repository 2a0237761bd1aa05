using System.Globalization;

namespace Responder.Core.Ingest;

/// <summary>
/// Adds the records of one gzip-compressed CloudWatch Logs payload (subscription or Kinesis), within the document's
/// budget: what inflates past it, and the log events past the record budget, are rejected <c>too-large</c> in one
/// record that says how many were left out; the events before them are kept.
/// </summary>
internal sealed class CloudWatchBatch(DecodeContext context, IngestBatch batch, DocumentBudget budget)
{
    /// <param name="compressed">The gzip payload.</param>
    /// <param name="length">Its length.</param>
    /// <param name="envelopeId">The id of the envelope or Kinesis record, for rejections of the payload as a whole.</param>
    /// <param name="origin">Where the payload came from.</param>
    /// <param name="field">The payload's field, as rejections name it.</param>
    /// <param name="mayDefer">True when the payload may be left whole to a retry rather than partly read (a Kinesis record after another).</param>
    /// <returns>False when the payload does not fit what the document has left and was left whole: nothing was added.</returns>
    public bool Add(byte[] compressed, int length, string envelopeId, RecordOrigin origin, string field, bool mayDefer = false)
    {
        var limits = budget.Limits;
        var cap = budget.NextPayloadCap;
        if (cap == 0)
        {
            if (mayDefer)
            {
                return false;
            }

            context.Reject(envelopeId, origin, RejectCode.TooLarge, $"{field} not inflated: the document has spent {budget.InflatedBudget} on the payloads before it");
            return true;
        }

        var inflated = Gzip.Inflate(compressed, length, cap, batch);
        budget.Inflated(inflated.Data.Length);
        if (mayDefer && inflated.Status == InflateStatus.TooLarge && cap < limits.MaxEnvelopeBytes)
        {
            return false;
        }

        if (inflated.Status == InflateStatus.Corrupt && inflated.Data.IsEmpty)
        {
            context.Reject(envelopeId, origin, RejectCode.Malformed, $"{field} is not a valid gzip stream: {inflated.Error}");
            return true;
        }

        var payload = CloudWatchPayload.Read(inflated.Data, limits, batch);
        if (mayDefer && payload.Events.Count > budget.RecordsLeft)
        {
            return false;
        }

        var payloadOrigin = origin with { FromLogGroup = true, LogGroup = payload.LogGroup, LogStream = payload.LogStream, Owner = payload.Owner };
        if (payload.IsControlMessage)
        {
            return true;
        }

        var index = 0;
        foreach (var logEvent in payload.Events)
        {
            index++;
            var recordId = logEvent.Id ?? string.Create(CultureInfo.InvariantCulture, $"{envelopeId}:{index}");
            if (budget.RecordsLeft == 0)
            {
                var left = payload.Events.Count - index + 1;
                context.Reject(recordId, payloadOrigin, RejectCode.TooLarge, string.Create(CultureInfo.InvariantCulture,
                    $"{left} log event(s) of {field} from this one on not decoded: the document has reached {budget.RecordBudget}"));
                break;
            }

            var time = logEvent.Timestamp is { } ms && ms is >= 0 and <= 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
            if (logEvent.Code is { } code)
            {
                context.Reject(recordId, payloadOrigin, code, logEvent.Problem!);
            }
            else
            {
                context.AddText(recordId, payloadOrigin, logEvent.Message, time);
            }
        }

        if (inflated.Status == InflateStatus.TooLarge)
        {
            var which = cap < limits.MaxEnvelopeBytes
                ? $"the document's {budget.InflatedBudget}"
                : $"limits.max_envelope_bytes ({limits.MaxEnvelopeBytes})";
            context.Reject(envelopeId, payloadOrigin, RejectCode.TooLarge, string.Create(CultureInfo.InvariantCulture,
                $"{field} inflates past {which}: inflating stopped there; the {payload.Events.Count} log event(s) before it were read, the rest is not"));
        }
        else if (payload.Error is { } error)
        {
            var truncated = inflated.Status switch
            {
                InflateStatus.Truncated => $"{field} ends early (truncated gzip); ",
                InflateStatus.Corrupt => $"{field} is damaged ({inflated.Error}); ",
                _ => string.Empty,
            };
            context.Reject(envelopeId, payloadOrigin, error.Code, string.Create(
                CultureInfo.InvariantCulture,
                $"{truncated}the CloudWatch Logs payload breaks off after {payload.Events.Count} complete log events: {error.Message}"));
        }
        else if (!payload.HasLogEvents)
        {
            context.Reject(envelopeId, payloadOrigin, RejectCode.Malformed, "the CloudWatch Logs payload has no logEvents array");
        }

        return true;
    }
}
