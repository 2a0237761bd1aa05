using System.Text.Json.Serialization;

namespace Responder.Aws.Eks;

public sealed record DescribeClusterReply([property: JsonPropertyName("cluster")] ClusterDescription? Cluster);
