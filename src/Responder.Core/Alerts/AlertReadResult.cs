namespace Responder.Core.Alerts;

/// <summary>A readable alert, or why the record is an <c>invalid</c> alert.</summary>
public readonly record struct AlertReadResult(FalcoAlert? Alert, string? Problem)
{
    public static AlertReadResult Valid(FalcoAlert alert) => new(alert, null);

    public static AlertReadResult Invalid(string problem) => new(null, problem);
}
