using System.Text.Json.Serialization;

namespace Responder.Lambda.Runtime;

/// <summary>The error document of the Runtime API. No stack trace: the message says what went wrong.</summary>
internal sealed record RuntimeError(
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("errorMessage")] string ErrorMessage)
{
    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];
}
