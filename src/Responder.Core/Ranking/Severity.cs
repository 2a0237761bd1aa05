namespace Responder.Core.Ranking;

/// <summary>The responder's severity scale, derived from the score.</summary>
public enum Severity
{
    Informational = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
