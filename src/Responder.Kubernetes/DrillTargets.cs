using System.Net;
using k8s;
using k8s.Autorest;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Core.Trust;

namespace Responder.Kubernetes;

/// <summary>
/// A drill acts only on pods labelled falco-responder/drill=true. The pods of drill alerts are read
/// before anything is written, since a drill must not even leave evidence labels on another pod; the
/// pod and node actions of a drill on any other pod are answered here, and the rest go on.
/// </summary>
internal sealed class DrillTargets(IKubernetes client, KubeCalls calls)
{
    private static readonly PortResult NoPod = new(ActionStatus.Skipped, $"drill-target: the alert names no pod; a drill acts only on pods labelled {DrillTarget.Label}");

    public async Task<IReadOnlyList<PortResult>> RunAsync(
        IReadOnlyList<ClusterActionRequest> requests, Func<IReadOnlyList<ClusterActionRequest>, Task<IReadOnlyList<PortResult>>> run, CancellationToken cancellationToken)
    {
        if (!requests.Any(IsDrill))
        {
            return await run(requests).ConfigureAwait(false);
        }

        var pods = requests.Where(IsDrill).Select(PodKey).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var checks = await Task.WhenAll(pods.Select(p => RefusalAsync(p, cancellationToken))).ConfigureAwait(false);
        var refusals = pods.Zip(checks).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

        var results = new PortResult?[requests.Count];
        var allowed = new List<ClusterActionRequest>();
        var positions = new List<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var refusal = !IsDrill(request) ? null : PodKey(request) is { } pod ? refusals[pod] : NoPod;
            if (refusal is { } refused)
            {
                results[i] = refused;
                continue;
            }

            allowed.Add(request);
            positions.Add(i);
        }

        var done = allowed.Count == 0 ? [] : await run(allowed).ConfigureAwait(false);
        for (var j = 0; j < positions.Count; j++)
        {
            results[positions[j]] = done[j];
        }

        return [.. results.Select(r => r!.Value)];
    }

    private async Task<PortResult?> RefusalAsync(string podKey, CancellationToken cancellationToken)
    {
        var slash = podKey.IndexOf('/', StringComparison.Ordinal);
        var (ns, name) = (podKey[..slash], podKey[(slash + 1)..]);
        try
        {
            var pod = await calls.RunAsync(t => client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return pod.Metadata?.Labels is { } labels && labels.TryGetValue(DrillTarget.LabelKey, out var value) && value == DrillTarget.LabelValue
                ? null
                : new PortResult(ActionStatus.Skipped, $"drill-target: pod {podKey} is not labelled {DrillTarget.Label}");
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return new PortResult(ActionStatus.Skipped, $"drill-target: pod {podKey} does not exist; a drill acts only on pods labelled {DrillTarget.Label}");
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException)
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }

    private static bool IsDrill(ClusterActionRequest request) => request.Outcome.Record.Origin.Drill;

    private static string? PodKey(ClusterActionRequest request) =>
        request.Outcome.Alert.Target is { HasPod: true } target ? $"{target.Namespace}/{target.Pod}" : null;
}
