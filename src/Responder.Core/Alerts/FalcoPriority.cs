namespace Responder.Core.Alerts;

/// <summary>Falco priorities, least to most severe. <see cref="Unknown"/> ranks below everything.</summary>
public enum FalcoPriority
{
    Unknown = -1,
    Debug = 0,
    Informational = 1,
    Notice = 2,
    Warning = 3,
    Error = 4,
    Critical = 5,
    Alert = 6,
    Emergency = 7,
}
