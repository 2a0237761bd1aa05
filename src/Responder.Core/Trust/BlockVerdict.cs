namespace Responder.Core.Trust;

/// <summary>A kubernetes block as the record carried it (its JSON bytes), and what the trust settings said of it (null: trusted).</summary>
internal sealed record BlockVerdict(byte[] Block, string? Problem)
{
    /// <summary>Larger blocks are judged every time rather than kept.</summary>
    public const int MaxBlock = 8192;
}
