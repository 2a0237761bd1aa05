using Amazon.Runtime;
using k8s;
using Responder.Aws;
using Responder.Aws.Eks;
using Responder.Aws.Http;
using Responder.Core.Config;
using Responder.Kubernetes;

namespace Responder.Hosting;

/// <summary>
/// The cluster side of the live ports: the Kubernetes adapter, with what it needs from AWS when the cluster is on EKS
/// (the lookup and the tokens) and for evidence (the bucket, EC2 snapshots). A cluster given with its own token needs
/// no AWS at all. Throws as <see cref="AwsPorts"/> does when AWS is needed and not there; <see cref="Composition"/>
/// turns that into a <see cref="PortProblem"/>.
/// </summary>
public static class ClusterPorts
{
    /// <summary>The cluster port, or null when no cluster is configured (no name, no endpoint).</summary>
    /// <remarks>The cluster is reached lazily, on the first containment: a cluster that cannot be reached then fails
    /// those actions (retryable when the cause may pass) instead of failing the whole function at start.</remarks>
    public static KubernetesClusterActions? Cluster(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null)
    {
        if (config.Cluster.Name is null && config.Cluster.Endpoint is null)
        {
            return null;
        }

        var connect = Client(config, environment, credentials);
        return new KubernetesClusterActions(connect, config.Containment, TimeProvider.System, Evidence(config, environment, credentials));
    }

    /// <summary>
    /// How to get a Kubernetes client for the configured cluster. Finding the cluster waits for the first call, whose
    /// failure is a <see cref="ClusterUnavailableException"/>.
    /// </summary>
    public static Func<CancellationToken, Task<IKubernetes>> Client(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null)
    {
        var access = Resolver(config.Cluster, () => AwsPorts.Eks(config, environment, credentials));
        return ClusterPort.Connect(
            async cancellationToken => (await access.ResolveAsync(cancellationToken).ConfigureAwait(false)).ToClientConfiguration(),
            ex => ex is AwsServiceException { Retryable: true });
    }

    /// <summary>
    /// How to find the cluster: one given with its token file is reached directly, and <paramref name="eks"/> is never
    /// called; any other is found through EKS (its endpoint from DescribeCluster unless given, its tokens signed).
    /// </summary>
    public static ClusterAccessResolver Resolver(ClusterSettings settings, Func<EksAccess> eks)
    {
        if (settings is { Endpoint: { } endpoint, TokenFile: { } tokenFile })
        {
            return ClusterAccessResolver.WithTokenFile(endpoint, settings.CaFile, tokenFile);
        }

        var access = eks();
        return new ClusterAccessResolver(cancellationToken => settings.Endpoint is { } given
            ? ClusterAccess.GivenAsync(given, settings.CaFile, access.Tokens, cancellationToken)
            : DescribedAsync(access, cancellationToken));
    }

    private static async Task<ClusterAccess> DescribedAsync(EksAccess eks, CancellationToken cancellationToken)
    {
        var found = await eks.DescribeAsync(cancellationToken).ConfigureAwait(false);
        return new ClusterAccess(found.Endpoint, ClusterAccess.Pem(found.AuthorityPem), eks.Tokens());
    }

    /// <summary>
    /// Where the evidence actions write: the evidence bucket when one is configured, and EC2 snapshots when a policy rule
    /// asks for them and the region is known.
    /// </summary>
    public static EvidencePorts Evidence(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null)
    {
        var cluster = config.Cluster.Name ?? config.Cluster.Endpoint?.Authority ?? "default";
        var store = AwsPorts.EvidenceStore(config, environment, credentials);
        return new EvidencePorts(cluster, store, AwsPorts.Snapshots(config, environment, credentials), config.Evidence);
    }
}
