namespace Responder.Core.Policy;

public static class ActionStatuses
{
    public static string ToWire(this ActionStatus status) => status switch
    {
        ActionStatus.Planned => "planned",
        ActionStatus.Succeeded => "succeeded",
        ActionStatus.Skipped => "skipped",
        ActionStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
