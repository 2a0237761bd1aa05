namespace Responder.Aws.SecurityHub;

/// <summary>What BatchImportFindings or BatchUpdateFindings answered: the findings it refused, by id, with the code and message of each.</summary>
public sealed record FindingFailures(IReadOnlyDictionary<string, (string Code, string Message)> Failed);
