using System.Text;

namespace Responder.Core.Alerts;

/// <summary>Parses Falco priority names in any case, with the <c>info</c> alias; never throws.</summary>
public static class FalcoPriorities
{
    private static readonly (string Name, FalcoPriority Value)[] Names =
    [
        ("emergency", FalcoPriority.Emergency),
        ("alert", FalcoPriority.Alert),
        ("critical", FalcoPriority.Critical),
        ("error", FalcoPriority.Error),
        ("warning", FalcoPriority.Warning),
        ("notice", FalcoPriority.Notice),
        ("informational", FalcoPriority.Informational),
        ("info", FalcoPriority.Informational),
        ("debug", FalcoPriority.Debug),
    ];

    public static FalcoPriority Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        foreach (var (name, value) in Names)
        {
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return FalcoPriority.Unknown;
    }

    /// <summary>Same as <see cref="Parse(ReadOnlySpan{char})"/> over UTF-8, to avoid a string per alert.</summary>
    public static FalcoPriority Parse(ReadOnlySpan<byte> utf8)
    {
        utf8 = utf8.Trim(" \t"u8);
        foreach (var (name, value) in Names)
        {
            if (name.Length == utf8.Length && Ascii.EqualsIgnoreCase(utf8, name))
            {
                return value;
            }
        }

        return FalcoPriority.Unknown;
    }

    /// <summary>The name Falco writes in JSON output.</summary>
    public static string ToFalcoName(this FalcoPriority priority) => priority switch
    {
        FalcoPriority.Emergency => "Emergency",
        FalcoPriority.Alert => "Alert",
        FalcoPriority.Critical => "Critical",
        FalcoPriority.Error => "Error",
        FalcoPriority.Warning => "Warning",
        FalcoPriority.Notice => "Notice",
        FalcoPriority.Informational => "Informational",
        FalcoPriority.Debug => "Debug",
        _ => "Unknown",
    };
}
