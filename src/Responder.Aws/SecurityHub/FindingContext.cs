namespace Responder.Aws.SecurityHub;

/// <summary>What every finding of a deployment shares: the cluster it is about, and the clock that stamps updates.</summary>
/// <param name="ClusterName">The EKS cluster (its AwsEksCluster resource); null for a cluster given by endpoint only.</param>
/// <param name="ClusterId">The cluster as finding ids and resource ids name it: its name, else its API host.</param>
/// <param name="Time">Stamps UpdatedAt, so a later import of the same finding supersedes the earlier one.</param>
public sealed record FindingContext(string? ClusterName, string ClusterId, TimeProvider Time)
{
    /// <summary>The product name the console shows and filters on; the account's default product takes it from its findings.</summary>
    public const string ProductName = "Falco Responder";
}
