using System.Text;
using Responder.Core.Containment;

namespace Responder.Core.Evidence;

/// <summary>
/// Where a pod's evidence goes: prefix, cluster, namespace, pod, uid, alert id. The uid keeps a namesake's evidence
/// apart; the alert id keeps each alert's apart and makes a retried delivery write the same keys again.
/// </summary>
public static class EvidenceKeys
{
    private const int MaxSegment = 200;

    public static string Folder(string prefix, string cluster, PodFacts pod, string alertId) =>
        $"{prefix}{Segment(cluster)}/{Segment(pod.Namespace)}/{Segment(pod.Name)}/{Segment(pod.Uid)}/{Segment(alertId)}/";

    public static string Manifest(string folder) => folder + "pod.json";

    public static string Alert(string folder) => folder + "alert.json";

    public static string Decision(string folder) => folder + "decision.json";

    /// <summary>logs/&lt;container&gt;.log, or .previous.log for the container's previous (restarted) instance.</summary>
    public static string Log(string folder, string container, bool previous) =>
        $"{folder}logs/{Segment(container)}{(previous ? ".previous" : string.Empty)}.log";

    /// <summary>
    /// One path segment of safe characters: names from the API server are already DNS names, but the alert id comes
    /// from the input (a line position, a sequence number) and must neither add segments nor climb out with "..".
    /// </summary>
    public static string Segment(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxSegment));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, MaxSegment)))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var segment = builder.ToString();
        return segment.Trim('.').Length == 0 ? segment.Replace('.', '_').PadRight(1, '_') : segment;
    }
}
