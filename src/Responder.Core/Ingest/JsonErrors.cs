using System.Globalization;
using System.Text.Json;

namespace Responder.Core.Ingest;

/// <summary>Turns a JSON parse failure into a rejection: too deep is <c>too-large</c>, anything else <c>malformed</c>.</summary>
internal static class JsonErrors
{
    public static (RejectCode Code, string Message) Classify(JsonException ex, ReadOnlySpan<byte> json, InputLimits limits)
    {
        if (JsonNesting.MaxDepthOf(json) > limits.MaxJsonDepth)
        {
            return (RejectCode.TooLarge, string.Create(
                CultureInfo.InvariantCulture, $"JSON nested deeper than limits.max_json_depth ({limits.MaxJsonDepth})"));
        }

        return (RejectCode.Malformed, Describe(ex));
    }

    public static string Describe(JsonException ex)
    {
        // The runtime's text ends with "LineNumber: 0 | BytePositionInLine: 5."; keep the sentence, state the position plainly.
        var text = ex.Message;
        var cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (cut > 0 ? text[..cut] : text).TrimEnd('.', ' ');
        return (ex.LineNumber, ex.BytePositionInLine) switch
        {
            ( > 0, { } position) => string.Create(
                CultureInfo.InvariantCulture, $"not valid JSON at line {ex.LineNumber + 1}, byte {position}: {reason}"),
            (_, { } position) => string.Create(CultureInfo.InvariantCulture, $"not valid JSON at byte {position}: {reason}"),
            _ => $"not valid JSON: {reason}",
        };
    }
}
