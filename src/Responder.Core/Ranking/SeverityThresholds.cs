namespace Responder.Core.Ranking;

public sealed record SeverityThresholds(int Critical, int High, int Medium, int Low)
{
    public Severity Classify(int score) =>
        score >= Critical ? Severity.Critical
        : score >= High ? Severity.High
        : score >= Medium ? Severity.Medium
        : score >= Low ? Severity.Low
        : Severity.Informational;
}
