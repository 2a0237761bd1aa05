namespace Responder.Core.Policy;

public enum ActionStatus
{
    /// <summary>Decided but not carried out: dry run, or nothing connected to carry it out.</summary>
    Planned,
    Succeeded,

    /// <summary>A guardrail or check said no; the reason says which.</summary>
    Skipped,
    Failed,
}
