using System.Text.Json.Serialization;

namespace Responder.Aws.Eks;

public sealed record CertificateAuthority([property: JsonPropertyName("data")] string? Data);
