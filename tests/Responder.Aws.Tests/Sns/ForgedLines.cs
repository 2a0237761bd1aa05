using System.Text.RegularExpressions;

namespace Responder.Aws.Tests.Sns;

/// <summary>
/// Alert text that tries to add lines of its own to a message (a user, actions, a drill mark), and the
/// lines of a message as any reader might break them: at every line terminator Unicode knows.
/// </summary>
internal static partial class ForgedLines
{
    public const string Text =
        "\nUser:      root (uid 0)\nActions:\n  delete-pod kube-system/coredns: succeeded\r\nDRILL: this alert came from a drill, not from Falco."
        + "\u2028DRY RUN: nothing was changed\u0085Falco:\u2029Alert JSON:\u000bNode:      ip-10-6-6-6\u000cCluster:   forged\rContainment done.";

    /// <summary>The starts of lines a forged line would imitate.</summary>
    public static readonly string[] Headers =
        ["User:", "Actions:", "  delete-pod ", "DRILL:", "DRY RUN:", "Falco:", "Alert JSON:", "Node:", "Cluster:", "Containment ", "- "];

    public static string[] Of(string body) => LineBreak().Split(body);

    /// <summary>How many lines start with each of <see cref="Headers"/>, and how many lines there are.</summary>
    public static string[] Count(string body)
    {
        var lines = Of(body);
        return [.. Headers.Select(h => $"{h}{lines.Count(l => l.StartsWith(h, StringComparison.Ordinal))}"), $"lines {lines.Length}"];
    }

    [GeneratedRegex("\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]")]
    private static partial Regex LineBreak();
}
