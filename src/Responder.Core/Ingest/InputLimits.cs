namespace Responder.Core.Ingest;

/// <summary>Bounds on untrusted input. Past a bound, the records concerned are rejected <c>too-large</c>.</summary>
/// <param name="MaxEnvelopeBytes">Largest envelope: a raw input document, or a decompressed payload.</param>
/// <param name="MaxMessageBytes">Largest single log message or record.</param>
/// <param name="MaxJsonDepth">Deepest JSON nesting accepted anywhere.</param>
public sealed record InputLimits(int MaxEnvelopeBytes, int MaxMessageBytes, int MaxJsonDepth)
{
    public static readonly InputLimits Default = new(32 * 1024 * 1024, 256 * 1024, 64);
}
