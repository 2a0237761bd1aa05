namespace Responder.Core.Ranking;

/// <summary>The score (0 to 100) of an alert and the severity it falls in.</summary>
public readonly record struct AlertRanking(int Score, Severity Severity);
