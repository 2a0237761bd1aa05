using System.Globalization;

namespace Responder.Core.Ingest;

/// <summary>Adds the records of one gzip-compressed CloudWatch Logs payload (subscription or Kinesis).</summary>
internal sealed class CloudWatchBatch(DecodeContext context, IngestBatch batch, InputLimits limits)
{
    public void Add(byte[] compressed, int length, string envelopeId, RecordOrigin origin, string field)
    {
        var inflated = Gzip.Inflate(compressed, length, limits.MaxEnvelopeBytes, batch);
        switch (inflated.Status)
        {
            case InflateStatus.TooLarge:
                context.Reject(envelopeId, origin, RejectCode.TooLarge, string.Create(
                    CultureInfo.InvariantCulture,
                    $"{field} inflates past limits.max_envelope_bytes ({limits.MaxEnvelopeBytes}); inflating stopped there"));
                return;
            case InflateStatus.Corrupt when inflated.Data.IsEmpty:
                context.Reject(envelopeId, origin, RejectCode.Malformed, $"{field} is not a valid gzip stream: {inflated.Error}");
                return;
        }

        var payload = CloudWatchPayload.Read(inflated.Data, limits, batch);
        var payloadOrigin = origin with { FromLogGroup = true, LogGroup = payload.LogGroup, LogStream = payload.LogStream, Owner = payload.Owner };
        if (payload.IsControlMessage)
        {
            return;
        }

        var index = 0;
        foreach (var logEvent in payload.Events)
        {
            index++;
            var recordId = logEvent.Id ?? string.Create(CultureInfo.InvariantCulture, $"{envelopeId}:{index}");
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

        if (payload.Error is { } error)
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
    }
}
