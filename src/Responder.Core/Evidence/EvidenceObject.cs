namespace Responder.Core.Evidence;

/// <summary>One object of a pod's evidence.</summary>
/// <param name="Key">The whole key, prefix included.</param>
/// <param name="Content">The bytes, as copied.</param>
/// <param name="ContentType">application/json, text/plain; charset=utf-8.</param>
public sealed record EvidenceObject(string Key, ReadOnlyMemory<byte> Content, string ContentType)
{
    /// <summary>User metadata stored with the object (ASCII keys and values): what it is, and whether it was cut.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
