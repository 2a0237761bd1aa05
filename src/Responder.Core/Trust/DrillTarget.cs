namespace Responder.Core.Trust;

/// <summary>
/// The label that makes a pod a drill target: a drill may act only on pods that carry it, so a drill
/// run against the wrong namespace or pod name cannot take a production pod or its node down.
/// </summary>
public static class DrillTarget
{
    public const string LabelKey = "falco-responder/drill";
    public const string LabelValue = "true";
    public const string Label = LabelKey + "=" + LabelValue;
}
