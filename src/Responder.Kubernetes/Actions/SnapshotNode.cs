using System.Text;
using Responder.Core.Containment;
using Responder.Core.Evidence;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>
/// snapshot-node: EBS snapshots of every volume of the node's EC2 instance (named by spec.providerID), started and not
/// waited for: a snapshot is a point in time from the moment it is asked for. Tagged with the alert id, rule, cluster and
/// node, which is also what the IAM grant requires of them. Nothing in the cluster is written, and release keeps them.
/// </summary>
internal sealed class SnapshotNode : IActioner
{
    public const string TagPrefix = "falco-responder:";

    // EC2 limits: a tag value to 256 characters, a description to 255.
    private const int MaxTagValue = 256;
    private const int MaxDescription = 255;

    public ActionKind Kind => ActionKind.SnapshotNode;

    // The node, with its providerID, is in the node list every batch with a node action reads.
    public IReadOnlyList<ApiPermission> Permissions { get; } = [];

    public IReadOnlyList<string> Undo { get; } = [];

    public async Task<PortResult> ExecuteAsync(ClusterAction action, ActionContext context, CancellationToken cancellationToken)
    {
        var node = action.Node!;
        var ports = context.Evidence;
        if (ports.Snapshots is not { } snapshots)
        {
            return new PortResult(ActionStatus.Failed, "snapshots-unavailable: no snapshot service is connected (AWS region and credentials)");
        }

        if (!ProviderId.TryParse(node.ProviderId, out var zone, out var instance))
        {
            return new PortResult(ActionStatus.Skipped,
                $"no-instance: node {node.Name} names no EC2 instance (spec.providerID {(node.ProviderId is null ? "is not set" : $"is \"{Printable(node.ProviderId, 100)}\"")}): its disks cannot be snapshotted");
        }

        if (!ProviderId.InRegion(zone, snapshots.Region))
        {
            return new PortResult(ActionStatus.Skipped, $"other-region: instance {instance} of node {node.Name} is in {zone}, outside {snapshots.Region} where the responder takes snapshots");
        }

        var alert = action.Outcome.Alert;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = Printable($"falco-responder {node.Name}", MaxTagValue),
            [TagPrefix + "alert-id"] = Printable(action.Outcome.Id, MaxTagValue),
            [TagPrefix + "rule"] = Printable(alert.Rule, MaxTagValue),
            [TagPrefix + "cluster"] = Printable(ports.Cluster, MaxTagValue),
            [TagPrefix + "node"] = node.Name,
        };
        var description = Printable($"Falco Responder: {alert.Rule} on node {node.Name} of cluster {ports.Cluster} (alert {action.Outcome.Id})", MaxDescription);
        try
        {
            var started = await snapshots.StartAsync(new SnapshotRequest(instance, description, tags), cancellationToken).ConfigureAwait(false);
            return started.Count == 0
                ? new PortResult(ActionStatus.Skipped, $"no-volumes: instance {instance} of node {node.Name} has no EBS volume")
                : new PortResult(ActionStatus.Succeeded,
                    $"{string.Join(", ", started.Select(s => s.VolumeId is null ? s.SnapshotId : $"{s.SnapshotId} ({s.VolumeId})"))} of instance {instance} in {zone}: started, not waited for");
        }
        catch (EvidenceException ex)
        {
            return new PortResult(ActionStatus.Failed, $"snapshots: {ex.Message}") { Retryable = ex.Retryable };
        }
    }

    /// <summary>Printable ASCII, cut to a length: tags and descriptions are read in consoles and matched by IAM conditions.</summary>
    private static string Printable(string text, int max)
    {
        var builder = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (builder.Length == max)
            {
                break;
            }

            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }
}
