namespace Responder.Core.Containment;

/// <summary>A pod as the API server has it: what the guardrails judge and the writes are conditioned on.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">Its uid: the precondition of every write to it.</param>
public sealed record PodFacts(string Namespace, string Name, string Uid)
{
    public string? NodeName { get; init; }

    /// <summary>metadata.creationTimestamp, as the API server set it.</summary>
    public DateTimeOffset? Created { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The Ready condition is True.</summary>
    public bool Ready { get; init; }

    /// <summary>The ownerReference marked as controller: its kind and name, or null for a standalone pod.</summary>
    public (string Kind, string Name)? Controller { get; init; }

    public string Key => $"{Namespace}/{Name}";
}
