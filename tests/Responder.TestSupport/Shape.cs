namespace Responder.TestSupport;

/// <summary>The record shapes of DESIGN.md §5, numbered as there.</summary>
public enum Shape
{
    Raw = 1,
    LogString = 2,
    LogObject = 3,
    Merged = 4,
    MergedNoLog = 5,
    LogProcessed = 6,
    Sidekick = 7,
}
