using System.Text.Json.Serialization;

namespace Responder.Aws.Eks;

/// <summary>Source-generated JSON for the EKS replies: no reflection in the bootstrap.</summary>
[JsonSerializable(typeof(DescribeClusterReply))]
internal sealed partial class EksJsonContext : JsonSerializerContext;
