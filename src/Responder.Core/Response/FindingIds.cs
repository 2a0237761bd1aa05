namespace Responder.Core.Response;

/// <summary>
/// The id of an alert's finding: its dedupe key within its cluster. The same alert seen again, in a later window or by
/// a retry, updates its one finding instead of adding another; the cluster keeps two clusters' namesakes apart.
/// </summary>
public static class FindingIds
{
    public const string Prefix = "falco-responder/";

    /// <param name="cluster">The cluster the responder acts on, as blast-radius limits name it.</param>
    /// <param name="alertKey">The alert's dedupe key, <c>alert#&lt;hash&gt;</c>.</param>
    public static string Of(string cluster, string alertKey) =>
        $"{Prefix}{cluster}/{(alertKey.StartsWith("alert#", StringComparison.Ordinal) ? alertKey["alert#".Length..] : alertKey)}";
}
