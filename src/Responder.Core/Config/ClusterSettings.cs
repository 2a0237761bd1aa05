namespace Responder.Core.Config;

/// <param name="Name">The EKS cluster name; null when none is configured.</param>
public sealed record ClusterSettings(string? Name)
{
    /// <summary>The API server URL; null to find it with DescribeCluster.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>PEM file of the API server's certificate authority.</summary>
    public string? CaFile { get; init; }

    /// <summary>File with a bearer token (non-EKS clusters); null for EKS tokens.</summary>
    public string? TokenFile { get; init; }

    /// <summary>The cluster as blast-radius limits and finding ids name it: its name, else its API host.</summary>
    public string Id => Name ?? Endpoint?.Authority ?? "default";
}
