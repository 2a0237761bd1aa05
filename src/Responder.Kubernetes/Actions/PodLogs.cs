using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Containment;

namespace Responder.Kubernetes.Actions;

/// <summary>
/// A container's log through the API server (pods/log), kept within a cap. The log is asked for up to one byte past
/// the cap; one that fits is kept whole. A longer one is asked for again as its last lines (as many as fitted in the
/// cap at its start), of which the newest cap bytes are kept from the first whole line on: after an alert the newest
/// lines are the ones that matter. However long the log, at most five caps are read: the head, then four of the tail.
/// </summary>
internal static class PodLogs
{
    private const int ReadAheadCaps = 4;

    /// <summary>Every log the pod has: each container's current one, and the previous one of each that restarted.</summary>
    public static IEnumerable<(string Container, bool Previous)> Wanted(V1Pod pod)
    {
        var spec = pod.Spec;
        var status = pod.Status;
        var names = (spec?.InitContainers ?? []).Select(c => c.Name)
            .Concat((spec?.Containers ?? []).Select(c => c.Name))
            .Concat((spec?.EphemeralContainers ?? []).Select(c => c.Name));
        var restarted = (status?.InitContainerStatuses ?? []).Concat(status?.ContainerStatuses ?? []).Concat(status?.EphemeralContainerStatuses ?? [])
            .Where(s => s.RestartCount > 0 || s.LastState?.Terminated is not null)
            .Select(s => s.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            yield return (name, false);
            if (restarted.Contains(name))
            {
                yield return (name, true);
            }
        }
    }

    /// <summary>The log, or why the API server has none (400: a container still waiting, no previous instance; 404: the pod is gone).</summary>
    public static async Task<LogRead> ReadAsync(ActionContext context, PodFacts pod, string container, bool previous, int cap, CancellationToken cancellationToken)
    {
        try
        {
            var head = await context.Calls.RunAsync(t => ReadAsync(context.Client, pod, container, previous, cap + 1, null, cap + 1, cap + 1, t), cancellationToken).ConfigureAwait(false);
            if (head.Length <= cap)
            {
                return new LogRead(head, false, null);
            }

            var lines = Math.Max(1, head.AsSpan(0, cap).Count((byte)'\n'));
            var tail = await context.Calls.RunAsync(t => ReadAsync(context.Client, pod, container, previous, null, lines, cap, (long)cap * ReadAheadCaps, t), cancellationToken).ConfigureAwait(false);
            return new LogRead(tail, true, null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) is HttpStatusCode.BadRequest or HttpStatusCode.NotFound)
        {
            return LogRead.None(KubeCalls.Message(ex));
        }
    }

    /// <summary>The last <paramref name="keep"/> bytes of the response's first <paramref name="maxRead"/> (all of them when fewer).</summary>
    private static async Task<byte[]> ReadAsync(
        IKubernetes client, PodFacts pod, string container, bool previous, int? limitBytes, int? tailLines, int keep, long maxRead, CancellationToken cancellationToken)
    {
        using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Name, pod.Namespace, container: container, limitBytes: limitBytes,
            previous: previous ? true : null, tailLines: tailLines, cancellationToken: cancellationToken).ConfigureAwait(false);
        var ring = new byte[keep];
        var buffer = new byte[Math.Min(keep, 81_920)];
        long total = 0;
        int read;
        while (total < maxRead && (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, maxRead - total)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var copied = 0; copied < read;)
            {
                var at = (int)(total % keep);
                var count = Math.Min(read - copied, keep - at);
                buffer.AsSpan(copied, count).CopyTo(ring.AsSpan(at));
                copied += count;
                total += count;
            }
        }

        if (total <= keep)
        {
            return ring[..(int)total];
        }

        // The ring holds the newest bytes from the oldest kept one on; the first, cut line is left out.
        var start = (int)(total % keep);
        var kept = ring.AsSpan(start).ToArray().Concat(ring.AsSpan(0, start).ToArray()).ToArray();
        var newline = Array.IndexOf(kept, (byte)'\n');
        return newline >= 0 && newline < kept.Length - 1 ? kept[(newline + 1)..] : kept;
    }
}
