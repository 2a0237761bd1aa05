namespace Responder.Aws.SecurityHub;

/// <summary>One BatchUpdateFindings call: the same note and fields on each of the findings.</summary>
/// <param name="ProductArn">The product the findings were imported for.</param>
/// <param name="Ids">At most <see cref="FindingUpdateClient.MaxFindings"/> finding ids.</param>
/// <param name="Text">The note, at most 512 characters.</param>
/// <param name="UpdatedBy">Who wrote it, at most 512 characters.</param>
/// <param name="Fields">User-defined fields set beside the note.</param>
public sealed record FindingNote(string ProductArn, IReadOnlyList<string> Ids, string Text, string UpdatedBy, IReadOnlyDictionary<string, string> Fields);
