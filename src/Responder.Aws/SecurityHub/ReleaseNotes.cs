using System.Globalization;
using Responder.Aws.Http;
using Responder.Core.Containment;
using Responder.Core.Policy;

namespace Responder.Aws.SecurityHub;

/// <summary>
/// After <c>responder release</c>: a note on the finding of each alert whose hold was undone (the
/// <c>falco-responder/finding-id</c> annotation of the released pod or node), saying what was released and when.
/// Written with BatchUpdateFindings, the customer's side of a finding, as the operator who ran release.
/// </summary>
public sealed class ReleaseNotes(FindingUpdateClient client, Func<CancellationToken, Task<string>> product, TimeProvider time)
{
    public const string UpdatedBy = "responder release";

    /// <summary>One note-finding line per finding: planned in a dry run, else succeeded or failed.</summary>
    public async Task<IReadOnlyList<ReleaseOutcome>> NoteAsync(IReadOnlyList<ReleaseOutcome> outcomes, bool dryRun, CancellationToken cancellationToken)
    {
        var released = Released(outcomes, dryRun);
        if (released.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (dryRun)
        {
            return [.. released.Select(r => new ReleaseOutcome(ReleaseOutcome.NoteFinding, r.Key, ActionStatus.Planned, "would note: " + Text(now, r.Value)))];
        }

        string productArn;
        try
        {
            productArn = await product(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            return [.. released.Select(r => Failed(r.Key, ex.Code, ex.ServiceMessage))];
        }

        var lines = new List<ReleaseOutcome>();
        foreach (var (id, steps) in released)
        {
            var text = Text(now, steps);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [FindingDocument.FieldPrefix + "released"] = now,
                [FindingDocument.FieldPrefix + "released-steps"] = string.Join("; ", steps),
            };
            try
            {
                var reply = await client.BatchUpdateFindingsAsync(new FindingNote(productArn, [id], text, UpdatedBy, fields), cancellationToken).ConfigureAwait(false);
                lines.Add(reply.Failed.TryGetValue(id, out var refused)
                    ? Failed(id, refused.Code, refused.Message)
                    : new ReleaseOutcome(ReleaseOutcome.NoteFinding, id, ActionStatus.Succeeded, text));
            }
            catch (AwsServiceException ex)
            {
                lines.Add(Failed(id, ex.Code, ex.ServiceMessage));
            }
        }

        return lines;
    }

    /// <summary>The steps that undid something, by the finding of the alert behind them, in report order.</summary>
    private static Dictionary<string, List<string>> Released(IReadOnlyList<ReleaseOutcome> outcomes, bool dryRun)
    {
        var released = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            if (outcome.FindingId is { } id && outcome.Status == (dryRun ? ActionStatus.Planned : ActionStatus.Succeeded))
            {
                if (!released.TryGetValue(id, out var steps))
                {
                    released[id] = steps = [];
                }

                steps.Add($"{outcome.Action} {outcome.Target}");
            }
        }

        return released;
    }

    private static string Text(string now, List<string> steps)
    {
        var text = $"Containment released with responder release at {now}: {string.Join(", ", steps)}.";
        return text.Length <= FindingDocument.MaxNote ? text : string.Concat(text.AsSpan(0, FindingDocument.MaxNote - 4), "...");
    }

    private static ReleaseOutcome Failed(string id, string code, string message) =>
        new(ReleaseOutcome.NoteFinding, id, ActionStatus.Failed, $"securityhub-error: {code}: {message}");
}
