using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s;
using Responder.Core.Containment;
using Responder.Core.Evidence;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>
/// collect-evidence: the pod's manifest as the batch read it, then each container's log (current, and previous for a
/// container that restarted) within the cap, then the alert and the decision, to the evidence store under the pod's
/// folder; decision.json last, so its presence says the set is whole. It runs before any removal of the pod. Release
/// never touches it: evidence is kept.
/// </summary>
internal sealed class CollectEvidence : IActioner
{
    public ActionKind Kind => ActionKind.CollectEvidence;

    public IReadOnlyList<ApiPermission> Permissions { get; } = [new("", "pods/log", "get")];

    public IReadOnlyList<string> Undo { get; } = [];

    public async Task<PortResult> ExecuteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken)
    {
        var ports = context.Evidence;
        var pod = action.Pod!;
        if (ports.Store is not { } store)
        {
            return new PortResult(ActionStatus.Failed, "evidence-unavailable: no evidence store is connected (evidence.bucket)");
        }

        if (!context.PodsAsRead.TryGetValue(pod.Key, out var manifest) || manifest.Metadata.Uid != pod.Uid)
        {
            return new PortResult(ActionStatus.Failed, $"evidence-unavailable: pod {pod.Key} was not read by this batch");
        }

        var folder = EvidenceKeys.Folder(store.Prefix, ports.Cluster, pod, action.Outcome.Id);
        var cap = ports.Settings.MaxLogBytesPerContainer;
        var about = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alert-id"] = EvidenceKeys.Segment(action.Outcome.Id),
            ["cluster"] = EvidenceKeys.Segment(ports.Cluster),
            ["namespace"] = pod.Namespace,
            ["pod"] = pod.Name,
            ["pod-uid"] = pod.Uid,
        };
        var container = (string?)null;
        try
        {
            var podJson = Encoding.UTF8.GetBytes(KubernetesJson.Serialize(manifest));
            await store.PutAsync(new EvidenceObject(EvidenceKeys.Manifest(folder), podJson, "application/json") { Metadata = about }, cancellationToken).ConfigureAwait(false);

            var logs = new List<CollectedLog>();
            foreach (var (name, previous) in PodLogs.Wanted(manifest))
            {
                container = name;
                var log = await PodLogs.ReadAsync(context, pod, name, previous, cap, cancellationToken).ConfigureAwait(false);
                if (log.Unavailable is { } why)
                {
                    logs.Add(new CollectedLog(name, previous, null, 0, false, null, why));
                    continue;
                }

                var key = EvidenceKeys.Log(folder, name, previous);
                var metadata = new Dictionary<string, string>(about, StringComparer.Ordinal)
                {
                    ["container"] = name,
                    ["previous"] = previous ? "true" : "false",
                    ["truncated"] = log.Truncated ? "true" : "false",
                    ["limit-bytes"] = cap.ToString(CultureInfo.InvariantCulture),
                };
                await store.PutAsync(new EvidenceObject(key, log.Bytes, "text/plain; charset=utf-8") { Metadata = metadata }, cancellationToken).ConfigureAwait(false);
                logs.Add(new CollectedLog(name, previous, key, log.Bytes.Length, log.Truncated, Sha256(log.Bytes), null));
            }

            container = null;
            await store.PutAsync(new EvidenceObject(EvidenceKeys.Alert(folder), EvidenceDocuments.Alert(action.Outcome), "application/json") { Metadata = about }, cancellationToken).ConfigureAwait(false);
            var decision = EvidenceDocuments.Decision(action.Outcome, ports.Cluster, pod, folder, Sha256(podJson), logs, cap, context.Time.GetUtcNow());
            await store.PutAsync(new EvidenceObject(EvidenceKeys.Decision(folder), decision, "application/json") { Metadata = about }, cancellationToken).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, Summary(store.Uri(folder), logs, cap));
        }
        catch (EvidenceException ex)
        {
            return new PortResult(ActionStatus.Failed, $"evidence-store: {ex.Message}") { Retryable = ex.Retryable };
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            var failure = KubeCalls.Failure(ex, cancellationToken);
            return failure with { Reason = $"{failure.Reason} (reading the log of container {container} of pod {pod.Key})" };
        }
    }

    /// <summary>Where the set is, then what it holds: a report's reader follows the link.</summary>
    private static string Summary(string uri, List<CollectedLog> logs, int cap)
    {
        var kept = logs.Count(l => l.Key is not null);
        var cut = logs.Count(l => l.Truncated);
        var none = logs.Count - kept;
        var text = new StringBuilder(uri).Append(CultureInfo.InvariantCulture, $" (pod.json, {kept} log{(kept == 1 ? "" : "s")}");
        if (cut > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {cut} cut to its newest {cap} bytes");
        }

        if (none > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {none} unavailable");
        }

        return text.Append(", alert.json, decision.json)").ToString();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
