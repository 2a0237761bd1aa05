namespace Responder.Core.State;

public enum ClaimState
{
    /// <summary>This caller holds the claim and must record the outcome.</summary>
    Acquired,

    /// <summary>An earlier attempt carried the action out; nothing to do.</summary>
    Done,

    /// <summary>Another attempt holds a live claim: it may still be acting.</summary>
    Held,
}

/// <param name="Reason">Done: the reason recorded with the success. Held: null.</param>
/// <param name="Until">Held: when the other claim's lease runs out.</param>
/// <param name="Holder">Held: the record that holds it.</param>
public sealed record Claim(ClaimState State, string? Reason = null, DateTimeOffset? Until = null, string? Holder = null);
