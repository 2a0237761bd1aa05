using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Responder.Core.State;
using static Responder.Aws.State.StateItems;

namespace Responder.Aws.State;

/// <summary>
/// The state shared by every instance, in one DynamoDB table. Reads are batched; a key is written only when it is new or
/// changes, and every write that decides ownership is conditional, so two instances racing for a key cannot both win.
/// Expiry is compared with the clock, never left to DynamoDB's TTL, which deletes late (and not at all in dynalite).
/// </summary>
public sealed class DynamoResponseState : IResponseState
{
    private const int Concurrency = 16;

    private readonly StateTable table;
    private readonly TimeProvider time;

    public DynamoResponseState(IAmazonDynamoDB client, string tableName, TimeProvider time)
    {
        table = new StateTable(client, tableName);
        this.time = time;
    }

    /// <summary>DynamoDB requests sent so far, for logs and the benchmark.</summary>
    public int Calls => table.Calls;

    public async Task<IReadOnlyList<Admission>> AdmitAsync(IReadOnlyList<Sighting> sightings, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var items = await table.GetManyAsync(sightings.Select(s => s.Key), cancellationToken).ConfigureAwait(false);
        return await EachAsync(sightings, async sighting =>
        {
            var item = items.GetValueOrDefault(sighting.Key);
            if (!Live(item, now))
            {
                var fresh = new Dictionary<string, AttributeValue>
                {
                    [Key] = S(sighting.Key), [Owner] = S(sighting.RecordId), [Seen] = N(sighting.Count), [ExpiresAt] = N(now + (long)window.TotalSeconds),
                };
                if (await table.PutIfAsync(fresh, $"attribute_not_exists(#{Key}) OR #{ExpiresAt} <= :now", new() { [":now"] = N(now) }, cancellationToken).ConfigureAwait(false))
                {
                    return new Admission(true, sighting.RecordId, sighting.Count);
                }
            }
            else if (Text(item, Owner) == sighting.RecordId)
            {
                return new Admission(true, sighting.RecordId, Number(item, Seen));
            }

            // Someone else's: count this sighting on the first one's item.
            var counted = await table.UpdateIfAsync(sighting.Key, $"ADD #{Seen} :n", null, new() { [":n"] = N(sighting.Count) }, cancellationToken).ConfigureAwait(false);
            var owner = Text(counted, Owner) ?? sighting.RecordId;
            return new Admission(owner == sighting.RecordId, owner, Number(counted, Seen));
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Claim>> ClaimAsync(IReadOnlyList<ClaimRequest> requests, TimeSpan lease, TimeSpan keep, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var items = await table.GetManyAsync(requests.Select(r => r.Key), cancellationToken).ConfigureAwait(false);
        return await EachAsync(requests, async request =>
        {
            if (Existing(items.GetValueOrDefault(request.Key), now) is { } known)
            {
                return known;
            }

            var claim = new Dictionary<string, AttributeValue>
            {
                [Key] = S(request.Key), [Owner] = S(request.RecordId), [Status] = S(Claimed),
                [LeaseUntil] = N(now + (long)lease.TotalSeconds), [ExpiresAt] = N(now + (long)keep.TotalSeconds),
            };
            var condition = $"attribute_not_exists(#{Key}) OR #{ExpiresAt} <= :now OR (#{Status} <> :done AND #{LeaseUntil} <= :now)";
            if (await table.PutIfAsync(claim, condition, new() { [":now"] = N(now), [":done"] = S(Done) }, cancellationToken).ConfigureAwait(false))
            {
                return new Claim(ClaimState.Acquired);
            }

            // Another instance got there between the read and the write: say what it holds.
            var current = await table.GetAsync(request.Key, cancellationToken).ConfigureAwait(false);
            return Existing(current, now) ?? new Claim(ClaimState.Held, Until: DateTimeOffset.FromUnixTimeSeconds(now), Holder: Text(current, Owner));
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task RecordAsync(IReadOnlyList<ClaimOutcome> outcomes, TimeSpan keep, CancellationToken cancellationToken)
    {
        // Unconditional and batched: the writer holds the claim, whose lease outlasts the invocation (claim_lease_seconds).
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return table.PutManyAsync(outcomes.Select(outcome =>
        {
            var item = new Dictionary<string, AttributeValue>
            {
                [Key] = S(outcome.Key), [Owner] = S(outcome.RecordId), [Status] = S(outcome.Succeeded ? Done : Released),
                [LeaseUntil] = N(now), [ExpiresAt] = N(now + (long)keep.TotalSeconds),
            };
            if (outcome.Reason is { Length: > 0 } reason)
            {
                item[Reason] = S(reason);
            }

            return item;
        }), cancellationToken);
    }

    public async Task<LimitGrant> TakeAsync(LimitRequest request, CancellationToken cancellationToken)
    {
        var start = StateKeys.WindowStart(time.GetUtcNow(), request.Window);
        var end = start + (long)request.Window.TotalSeconds;
        var key = StateKeys.Limit(request.Name, start);
        var granted = 0;
        if (request.Wanted <= request.Max)
        {
            var all = await table.UpdateIfAsync(key, $"ADD #{Taken} :n SET #{ExpiresAt} = :end", $"attribute_not_exists(#{Taken}) OR #{Taken} <= :room",
                new() { [":n"] = N(request.Wanted), [":end"] = N(end), [":room"] = N(request.Max - request.Wanted) }, cancellationToken).ConfigureAwait(false);
            granted = all is null ? 0 : request.Wanted;
        }

        // Not room for all: take what is left, guarded by the count read so concurrent takers cannot overshoot.
        for (var attempt = 0; granted == 0 && attempt < 5; attempt++)
        {
            var taken = Number(await table.GetAsync(key, cancellationToken).ConfigureAwait(false), Taken);
            var room = (int)Math.Clamp(request.Max - taken, 0, request.Wanted);
            if (room == 0)
            {
                break;
            }

            var guard = taken == 0 ? $"attribute_not_exists(#{Taken}) OR #{Taken} = :taken" : $"#{Taken} = :taken";
            var some = await table.UpdateIfAsync(key, $"ADD #{Taken} :n SET #{ExpiresAt} = :end", guard,
                new() { [":n"] = N(room), [":end"] = N(end), [":taken"] = N(taken) }, cancellationToken).ConfigureAwait(false);
            granted = some is null ? 0 : room;
        }

        var opened = false;
        if (granted < request.Wanted)
        {
            // The first instance to find the window full announces it; the others stay quiet until the next window.
            opened = await table.UpdateIfAsync(key, $"SET #{Tripped} = :yes, #{ExpiresAt} = :end", $"attribute_not_exists(#{Tripped})",
                new() { [":yes"] = new AttributeValue { BOOL = true }, [":end"] = N(end) }, cancellationToken).ConfigureAwait(false) is not null;
        }

        return new LimitGrant(granted, opened, DateTimeOffset.FromUnixTimeSeconds(end));
    }

    private static Claim? Existing(Dictionary<string, AttributeValue>? item, long now)
    {
        if (!Live(item, now))
        {
            return null;
        }

        return Text(item, Status) switch
        {
            Done => new Claim(ClaimState.Done, Text(item, Reason)),
            Claimed when Number(item, LeaseUntil) > now =>
                new Claim(ClaimState.Held, Until: DateTimeOffset.FromUnixTimeSeconds(Number(item, LeaseUntil)), Holder: Text(item, Owner)),
            _ => null,
        };
    }

    private static async Task<IReadOnlyList<TResult>> EachAsync<T, TResult>(IReadOnlyList<T> inputs, Func<T, Task<TResult>> work, CancellationToken cancellationToken)
    {
        var results = new TResult[inputs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, _) => results[i] = await work(inputs[i]).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }
}
