namespace Responder.Core.State;

/// <summary>
/// State shared by every responder instance: which alerts were seen (dedupe), which cluster actions were
/// claimed or done (idempotent retries), and how many deletes and cordons a window has had (blast radius).
/// Each call takes a whole batch so an implementation can batch its reads and writes. A call that cannot reach the state
/// throws <see cref="StateUnavailableException"/>: the hosts stop there (nothing can be deduped or claimed without it).
/// </summary>
public interface IResponseState
{
    /// <summary>Records each alert key; the first sighting of a key in its window owns it, later ones are repeats.</summary>
    Task<IReadOnlyList<Admission>> AdmitAsync(IReadOnlyList<Sighting> sightings, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Claims each action key for <paramref name="lease"/>, unless it is done or claimed by a live lease.</summary>
    Task<IReadOnlyList<Claim>> ClaimAsync(IReadOnlyList<ClaimRequest> requests, TimeSpan lease, TimeSpan keep, CancellationToken cancellationToken);

    /// <summary>Records what became of claimed actions: a success is final, anything else releases the claim.</summary>
    Task RecordAsync(IReadOnlyList<ClaimOutcome> outcomes, TimeSpan keep, CancellationToken cancellationToken);

    /// <summary>Takes up to <see cref="LimitRequest.Wanted"/> slots of a counter that resets every window.</summary>
    Task<LimitGrant> TakeAsync(LimitRequest request, CancellationToken cancellationToken);
}
