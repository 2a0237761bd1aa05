using System.Text;

namespace Responder.Core.Ingest;

/// <summary>
/// The keys a log shipper may put the parsed alert under (Fluent Bit's <c>Merge_Log_Key</c>): <c>log_processed</c> as
/// Container Insights writes it, <c>data</c> as the aws-for-fluent-bit chart does, or any the [input] table names.
/// Tried in order; the first that holds an alert object is the alert.
/// </summary>
public sealed class MergeKeys
{
    public static readonly MergeKeys Default = new(["log_processed", "data"]);

    public MergeKeys(IReadOnlyList<string> names)
    {
        Names = names;
        Utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    public IReadOnlyList<string> Names { get; }

    internal byte[][] Utf8 { get; }
}
