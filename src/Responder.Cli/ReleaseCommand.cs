using System.CommandLine;
using Responder.Core.Alerts;
using Responder.Core.Config;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Hosting;

namespace Responder.Cli;

/// <summary>
/// <c>responder release</c>: the reverse of containment, for operators. Reaches the cluster as
/// <c>respond --live</c> does; the configuration's dry_run does not apply (this is an operator's own
/// act), <c>--dry-run</c> does.
/// </summary>
internal static class ReleaseCommand
{
    public static Command Create(CliConsole console)
    {
        var nodes = new Option<string[]>("--node") { Description = "A node to uncordon (if the responder cordoned it) and untaint; repeatable." };
        var pods = new Option<string[]>("--pod") { Description = "NAMESPACE/NAME of a pod to take out of quarantine; repeatable." };
        var all = new Option<bool>("--all") { Description = "Also everything the cluster shows the responder holds: marked nodes, quarantined pods, quarantine policies." };
        var force = new Option<bool>("--force") { Description = "Uncordon a node even when the cordon is not the responder's." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be released; change nothing." };
        var config = CommonOptions.Config();
        var format = new Option<string>("--format", "-f") { Description = "text: a readable report; json: one JSON document.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("release", "Undo the responder's containment: uncordon and untaint nodes, take pods out of quarantine. Evidence labels stay.")
        {
            nodes, pods, all, force, dryRun, config, format,
        };
        command.SetAction(async (result, token) =>
        {
            var request = Request(result.GetValue(nodes) ?? [], result.GetValue(pods) ?? [], result.GetValue(all)) with
            {
                DryRun = result.GetValue(dryRun),
                Force = result.GetValue(force),
            };
            var settings = ConfigSource.Require(result.GetValue(config), console);
            var release = Connect(settings, console);
            IReadOnlyList<ReleaseOutcome> outcomes;
            try
            {
                outcomes = await release.RunAsync(request, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new CliException(ExitCodes.ReleaseFailed, "interrupted: part of the release may be done; run it again (--dry-run shows what is still held)");
            }

            outcomes = [.. outcomes, .. await NoteFindingsAsync(settings, console, outcomes, request.DryRun, token).ConfigureAwait(false)];
            ReleaseReport.Write(console.Output, result.GetValue(format) == "json", request.DryRun, outcomes);
            return outcomes.Any(o => o.Status == ActionStatus.Failed) ? ExitCodes.ReleaseFailed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Notes on the Security Hub findings of what was released; AWS is reached only when something released names one.</summary>
    private static async Task<IReadOnlyList<ReleaseOutcome>> NoteFindingsAsync(
        ResponderConfig config, CliConsole console, IReadOnlyList<ReleaseOutcome> outcomes, bool dryRun, CancellationToken cancellationToken)
    {
        if (!outcomes.Any(o => o.FindingId is not null))
        {
            return [];
        }

        var notes = await Composition.NoteReleasedAsync(config, console.Environment, outcomes, dryRun, cancellationToken).ConfigureAwait(false);
        if (notes.IsBuilt)
        {
            return notes.Value;
        }

        // What was released stays released: only the notes are missing, each said so.
        return [.. outcomes.Where(o => o.FindingId is not null).Select(o => o.FindingId!).Distinct(StringComparer.Ordinal)
            .Select(id => new ReleaseOutcome(ReleaseOutcome.NoteFinding, id, ActionStatus.Failed, $"securityhub-error: no AWS credentials or region: {notes.Problem.Message}"))];
    }

    private static ReleaseRequest Request(string[] nodes, string[] pods, bool all)
    {
        if (nodes.Length == 0 && pods.Length == 0 && !all)
        {
            throw new CliException(ExitCodes.Usage, "name what to release: --node NAME, --pod NAMESPACE/NAME, or --all");
        }

        if (nodes.FirstOrDefault(n => !KubernetesNames.IsSubdomain(n)) is { } node)
        {
            throw new CliException(ExitCodes.Usage, $"--node {TerminalText.Safe(node, 80)}: not a valid node name");
        }

        var podNames = new List<PodName>();
        foreach (var pod in pods)
        {
            var slash = pod.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !KubernetesNames.IsLabel(pod.AsSpan(0, slash)) || !KubernetesNames.IsSubdomain(pod.AsSpan(slash + 1)))
            {
                throw new CliException(ExitCodes.Usage, $"--pod {TerminalText.Safe(pod, 80)}: expected NAMESPACE/NAME, both valid Kubernetes names");
            }

            podNames.Add(new PodName(pod[..slash], pod[(slash + 1)..]));
        }

        return new ReleaseRequest(nodes, podNames) { All = all };
    }

    private static IClusterRelease Connect(ResponderConfig config, CliConsole console)
    {
        var cluster = config.Cluster;
        if (cluster.Name is null && cluster.Endpoint is null)
        {
            throw new CliException(ExitCodes.Usage,
                "release needs the cluster: set cluster.name (RESPONDER_CLUSTER_NAME) for EKS, or cluster.endpoint (RESPONDER_CLUSTER_ENDPOINT) with cluster.ca_file and cluster.token_file");
        }

        foreach (var (key, path) in (ReadOnlySpan<(string, string?)>)[("cluster.ca_file", cluster.CaFile), ("cluster.token_file", cluster.TokenFile)])
        {
            if (path is not null && !File.Exists(path))
            {
                throw new CliException(ExitCodes.Usage, $"{key} {path}: no such file");
            }
        }

        var release = Composition.Release(config, console.Environment);
        return release.IsBuilt ? release.Value
            : throw new CliException(ExitCodes.Usage, $"release needs AWS credentials and a region to reach EKS cluster {cluster.Name}: {release.Problem.Message}");
    }
}
