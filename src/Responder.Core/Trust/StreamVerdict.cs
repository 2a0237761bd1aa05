namespace Responder.Core.Trust;

/// <summary>What a log stream's name says of who wrote its records: whether it names a container, and if so why that is not Falco (null: it is).</summary>
internal sealed record StreamVerdict(string? Stream, bool NamesContainer, string? Problem);
