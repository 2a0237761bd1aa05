namespace Responder.Aws.SecurityHub;

/// <summary>What BatchImportFindings answered: the findings it refused, by id, with the code and message of each.</summary>
public sealed record ImportResult(IReadOnlyDictionary<string, (string Code, string Message)> Failed);
