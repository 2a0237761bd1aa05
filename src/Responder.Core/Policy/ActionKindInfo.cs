namespace Responder.Core.Policy;

/// <summary>One row of <see cref="ActionKinds"/>.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Wire">Its name in configuration files and reports.</param>
/// <param name="Target">What it acts on.</param>
/// <param name="Stage">When it runs among the actions of a batch.</param>
/// <param name="Bucket">The blast-radius limit that counts it, if any.</param>
/// <param name="InPolicy">Whether a policy rule may name it; the others follow from another setting.</param>
public sealed record ActionKindInfo(ActionKind Kind, string Wire, ActionTarget Target, ActionStage Stage, LimitBucket Bucket, bool InPolicy = true);
