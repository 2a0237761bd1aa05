using System.Text.Json.Serialization;

namespace Responder.Aws.Eks;

/// <summary>The parts of DescribeCluster's reply the responder uses.</summary>
public sealed record ClusterDescription(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("endpoint")] string? Endpoint,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("certificateAuthority")] CertificateAuthority? CertificateAuthority);
