namespace Responder.Core.State;

/// <summary>
/// The state of one process: the CLI's and the tests' default, and the Lambda's when no table is configured.
/// It keeps the same rules as the DynamoDB store (expiry compared with the clock, leases, fixed windows).
/// </summary>
public sealed class InMemoryResponseState(TimeProvider time) : IResponseState
{
    private readonly Dictionary<string, Item> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _sweepAt = 4096;

    /// <summary>Items held, expired ones not yet swept included.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public Task<IReadOnlyList<Admission>> AdmitAsync(IReadOnlyList<Sighting> sightings, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var admissions = new List<Admission>(sightings.Count);
        lock (_lock)
        {
            Sweep(now);
            foreach (var sighting in sightings)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!_items.TryGetValue(sighting.Key, out var item) || item.ExpiresAt <= now)
                {
                    _items[sighting.Key] = new Item { Owner = sighting.RecordId, Count = sighting.Count, ExpiresAt = now + window };
                    admissions.Add(new Admission(true, sighting.RecordId, sighting.Count));
                }
                else if (item.Owner == sighting.RecordId)
                {
                    admissions.Add(new Admission(true, item.Owner, item.Count));
                }
                else
                {
                    item.Count += sighting.Count;
                    admissions.Add(new Admission(false, item.Owner!, item.Count));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Admission>>(admissions);
    }

    public Task<IReadOnlyList<Claim>> ClaimAsync(IReadOnlyList<ClaimRequest> requests, TimeSpan lease, TimeSpan keep, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claims = new List<Claim>(requests.Count);
        lock (_lock)
        {
            Sweep(now);
            foreach (var request in requests)
            {
                _items.TryGetValue(request.Key, out var item);
                var live = item is not null && item.ExpiresAt > now;
                if (live && item!.Done)
                {
                    claims.Add(new Claim(ClaimState.Done, item.Reason));
                }
                else if (live && item!.LeaseUntil > now)
                {
                    claims.Add(new Claim(ClaimState.Held, Until: item.LeaseUntil, Holder: item.Owner));
                }
                else
                {
                    _items[request.Key] = new Item { Owner = request.RecordId, LeaseUntil = now + lease, ExpiresAt = now + keep };
                    claims.Add(new Claim(ClaimState.Acquired));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Claim>>(claims);
    }

    public Task RecordAsync(IReadOnlyList<ClaimOutcome> outcomes, TimeSpan keep, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var outcome in outcomes)
            {
                _items[outcome.Key] = outcome.Succeeded
                    ? new Item { Owner = outcome.RecordId, Done = true, Reason = outcome.Reason, ExpiresAt = now + keep }
                    : new Item { Owner = outcome.RecordId, LeaseUntil = now, ExpiresAt = now + keep };
            }
        }

        return Task.CompletedTask;
    }

    public Task<LimitGrant> TakeAsync(LimitRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var start = StateKeys.WindowStart(now, request.Window);
        var end = DateTimeOffset.FromUnixTimeSeconds(start) + request.Window;
        var key = StateKeys.Limit(request.Name, start);
        lock (_lock)
        {
            if (!_items.TryGetValue(key, out var item) || item.ExpiresAt <= now)
            {
                item = new Item { ExpiresAt = end };
                _items[key] = item;
            }

            var granted = (int)Math.Clamp(request.Max - item.Count, 0, request.Wanted);
            item.Count += granted;
            var opened = granted < request.Wanted && !item.Done;
            item.Done |= opened;
            return Task.FromResult(new LimitGrant(granted, opened, end));
        }
    }

    // A long CLI run or a warm Lambda sees many keys: expired ones go once the map has doubled since the last sweep,
    // so memory follows the keys alive in the windows, at an amortised constant cost per key.
    private void Sweep(DateTimeOffset now)
    {
        if (_items.Count < _sweepAt)
        {
            return;
        }

        foreach (var (key, item) in _items)
        {
            if (item.ExpiresAt <= now)
            {
                _items.Remove(key);
            }
        }

        _sweepAt = Math.Max(4096, _items.Count * 2);
    }

    // One shape for every kind of item, as in the table: Done marks a finished action or a window whose circuit opened.
    private sealed class Item
    {
        public string? Owner { get; init; }

        public long Count { get; set; }

        public bool Done { get; set; }

        public string? Reason { get; init; }

        public DateTimeOffset LeaseUntil { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }
    }
}
