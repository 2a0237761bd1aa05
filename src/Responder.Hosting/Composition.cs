using Amazon.Runtime;
using Responder.Aws;
using Responder.Aws.Http;
using Responder.Core.Config;
using Responder.Core.Containment;
using Responder.Kubernetes;

namespace Responder.Hosting;

/// <summary>
/// The composition root of every host: the Lambda bootstrap, <c>respond --live</c> and <c>release</c> get their live ports
/// here, from the configuration and the environment, or the <see cref="PortProblem"/> that kept them from being built.
/// The adapters throw when AWS credentials or a region they need are missing; this is the one place that catches it, so
/// no host handles an adapter's exception.
/// </summary>
public static class Composition
{
    /// <summary>The notifier, cluster, state and findings ports the configuration asks for.</summary>
    public static Composed<LivePorts> Ports(ResponderConfig config, Func<string, string?> environment) =>
        Compose(() => new LivePorts(
            AwsPorts.Notifier(config, environment),
            ClusterPorts.Cluster(config, environment),
            AwsPorts.State(config, environment),
            AwsPorts.Findings(config, environment)));

    /// <summary><c>release</c> on the configured cluster; finding the cluster waits for the first run, as for <see cref="Ports"/>.</summary>
    public static Composed<IClusterRelease> Release(ResponderConfig config, Func<string, string?> environment) =>
        Compose<IClusterRelease>(() => new ClusterRelease(ClusterPorts.Client(config, environment), config));

    /// <summary>
    /// The notes <c>release</c> puts on the findings of what it released, written with the operator's credentials. Missing
    /// credentials show when the notes are made or when their first request is signed: both are the problem returned.
    /// </summary>
    public static async Task<Composed<IReadOnlyList<ReleaseOutcome>>> NoteReleasedAsync(
        ResponderConfig config, Func<string, string?> environment, IReadOnlyList<ReleaseOutcome> outcomes, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            var notes = AwsPorts.ReleaseNotes(config, environment);
            return new Composed<IReadOnlyList<ReleaseOutcome>>(await notes.NoteAsync(outcomes, dryRun, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (IsMissingAccess(ex))
        {
            return new Composed<IReadOnlyList<ReleaseOutcome>>(new PortProblem(ex.Message));
        }
    }

    private static Composed<T> Compose<T>(Func<T> build)
        where T : class
    {
        try
        {
            return new Composed<T>(build());
        }
        catch (Exception ex) when (IsMissingAccess(ex))
        {
            return new Composed<T>(new PortProblem(ex.Message));
        }
    }

    // No credentials (the SDK's resolver) or no region (the adapters' own check): the AWS a configured port needs is not there.
    private static bool IsMissingAccess(Exception ex) => ex is AmazonClientException or AwsServiceException;
}
