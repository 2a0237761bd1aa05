using System.Text.Json;
using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Lambda;

/// <summary>
/// The partial batch response of a Kinesis event source mapping with ReportBatchItemFailures: only the
/// records whose actions failed in a way retrying may fix, and the records the invocation's input budget left
/// undecoded after others, are handed back, by sequence number, so Lambda retries those and not the whole batch.
/// Other rejected records are never listed: retrying bad input cannot help, and a poison batch must not come back forever.
/// </summary>
internal static class BatchItemFailures
{
    /// <summary>Whether the response is a partial batch response: a Kinesis delivery, not a drill read by a person.</summary>
    public static bool Applies(IngestBatch batch) => batch.Envelope == EnvelopeKind.Kinesis && !batch.Drill;

    /// <summary>
    /// The sequence numbers of the records with a retryable failure, each once, in input order; null when
    /// one of them has no sequence number, since only the whole batch can then be retried.
    /// </summary>
    public static List<string>? Of(BatchResult result)
    {
        var sequences = new List<string>();
        foreach (var outcome in result.Alerts.Where(a => a.Actions.Any(x => x.Status == ActionStatus.Failed && x.Retryable)))
        {
            if (outcome.Record.Origin.SequenceNumber is not { } sequence)
            {
                return null;
            }

            if (!sequences.Contains(sequence, StringComparer.Ordinal))
            {
                sequences.Add(sequence);
            }
        }

        foreach (var deferred in result.Rejected.Select(r => r.RetrySequence).OfType<string>())
        {
            if (!sequences.Contains(deferred, StringComparer.Ordinal))
            {
                sequences.Add(deferred);
            }
        }

        return sequences;
    }

    /// <summary><c>{"batchItemFailures":[{"itemIdentifier":"..."}]}</c>; an empty list means the whole batch succeeded.</summary>
    public static byte[] Body(IReadOnlyList<string> sequences)
    {
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("batchItemFailures"u8);
            foreach (var sequence in sequences)
            {
                writer.WriteStartObject();
                writer.WriteString("itemIdentifier"u8, sequence);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return output.ToArray();
    }
}
