using System.Globalization;
using System.Text.Json;
using Responder.Core.Alerts;
using Responder.Core.Ingest;
using Responder.Core.Matching;

namespace Responder.Core.Trust;

/// <summary>
/// Decides whether a record may be believed to come from Falco, before any of its fields is read.
/// Pure: the same record and settings always give the same answer, in every host.
/// </summary>
public sealed class TrustCheck(TrustOptions options)
{
    // Replaced whole, never changed: a pipeline judging batches concurrently reads one verdict or another.
    private StreamVerdict? _lastStream;
    private BlockVerdict? _lastBlock;

    /// <summary>Null when the record is trusted, else which check failed, for the <c>untrusted</c> rejection.</summary>
    public string? Problem(IngestedRecord record) =>
        DrillProblem(record.Origin) ?? LogProblem(record.Origin) ?? PodProblem(record) ?? WriterProblem(record);

    private string? DrillProblem(RecordOrigin origin)
    {
        if (!origin.Drill)
        {
            return null;
        }

        // The configured marker is not echoed: the report goes back to whoever sent the event.
        return origin.DrillMarker switch
        {
            null or "" => "drill event without a marker: the drill wrapper must carry trust.drill_marker",
            var marker when marker != options.DrillMarker => $"drill marker {AlertReader.Echo(marker)} is not trust.drill_marker",
            _ => null,
        };
    }

    // Only a CloudWatch Logs payload names a log group: other envelopes reach the function through IAM
    // permissions (invoke, publish, put-record), not through a log group any workload may write to.
    private string? LogProblem(RecordOrigin origin)
    {
        if (!origin.FromLogGroup)
        {
            return null;
        }

        if (options.LogGroups.Count > 0 && !Matches(options.LogGroups, origin.LogGroup))
        {
            return origin.LogGroup is null
                ? $"the CloudWatch Logs payload names no log group (trust.log_groups={List(options.LogGroups)})"
                : $"log group {AlertReader.Echo(origin.LogGroup)} is not in trust.log_groups={List(options.LogGroups)}";
        }

        if (options.LogStreams.Count > 0 && !Matches(options.LogStreams, origin.LogStream))
        {
            return origin.LogStream is null
                ? $"the CloudWatch Logs payload names no log stream (trust.log_streams={List(options.LogStreams)})"
                : $"log stream {AlertReader.Echo(origin.LogStream)} is not in trust.log_streams={List(options.LogStreams)}";
        }

        return null;
    }

    private string? PodProblem(IngestedRecord record)
    {
        switch (record.KubernetesKeys)
        {
            case 0:
                return null;
            case > 1:
                return string.Create(CultureInfo.InvariantCulture,
                    $"record carries {record.KubernetesKeys} kubernetes blocks: the log line brought its own beside the log shipper's");
        }

        if (record.Kubernetes is not { } meta)
        {
            return "record's kubernetes metadata is not an object";
        }

        // One Falco pod writes many records in a row, each with the same block: judged once while it repeats.
        var block = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(meta);
        if (_lastBlock is { } last && block.SequenceEqual(last.Block))
        {
            return last.Problem;
        }

        var problem = BlockProblem(meta);
        if (block.Length <= BlockVerdict.MaxBlock)
        {
            _lastBlock = new BlockVerdict(block.ToArray(), problem);
        }

        return problem;
    }

    private string? BlockProblem(JsonElement meta)
    {
        var pod = ShipperPod.Read(meta);
        if (pod.Namespace is null || pod.Container is null)
        {
            return $"record's kubernetes metadata names no {(pod.Namespace is null ? "namespace_name" : "container_name")}, so it cannot be shown to come from Falco";
        }

        if (ContainerProblem(pod.Namespace, pod.Container, string.Empty) is { } problem)
        {
            return problem;
        }

        // Shippers that leave labels out (Container Insights runs Fluent Bit with Labels Off) send none:
        // the namespace and container, which come from the log file's path, are then what is checked.
        if (pod.Labels is not { } labels || options.Labels.Count == 0)
        {
            return null;
        }

        var missing = options.Labels.Where(l => !HasLabel(labels, l)).ToList();
        return missing.Count == 0
            ? null
            : $"record written by pod {AlertReader.Echo(pod.Name ?? "(unnamed)")} in namespace {AlertReader.Echo(pod.Namespace)} without label {string.Join(", ", missing)}, not by Falco (trust.labels=[{string.Join(", ", options.Labels)}])";
    }

    // Fluent Bit passes a line on untouched when its metadata lookup fails, so a record of a log group may
    // lack the kubernetes block whoever wrote it. It is believed on the evidence of its log stream's name,
    // which the shipper takes from the container's log file as it takes the block, or else only from a
    // log group or stream the allow-lists name: somewhere only Falco writes.
    private string? WriterProblem(IngestedRecord record)
    {
        var origin = record.Origin;
        if (!origin.FromLogGroup)
        {
            return null;
        }

        var verdict = StreamVerdictOf(origin.LogStream);
        if (verdict.NamesContainer)
        {
            return verdict.Problem;
        }

        if (record.KubernetesKeys > 0 || options.LogGroups.Count > 0 || options.LogStreams.Count > 0)
        {
            return null;
        }

        var where = origin.LogStream is null
            ? "the CloudWatch Logs payload names no log stream"
            : $"its log stream {AlertReader.Echo(origin.LogStream)} names no container";
        return $"record has no kubernetes metadata and {where}, so nothing shows Falco wrote it: " +
            "list a log group or stream that only Falco writes to in trust.log_groups or trust.log_streams";
    }

    // The records of one CloudWatch Logs payload share its stream name, one string: it is judged once.
    private StreamVerdict StreamVerdictOf(string? stream)
    {
        if (_lastStream is { } last && ReferenceEquals(last.Stream, stream))
        {
            return last;
        }

        var parsed = ContainerLogStream.Parse(stream);
        var verdict = new StreamVerdict(stream, parsed is not null,
            parsed is { } container ? ContainerProblem(container.Namespace, container.Container, " (its log stream's name)") : null);
        _lastStream = verdict;
        return verdict;
    }

    private string? ContainerProblem(string ns, string container, string evidence)
    {
        var namespaceOk = Matches(options.Namespaces, ns);
        var containerOk = Matches(options.Containers, container);
        if (namespaceOk && containerOk)
        {
            return null;
        }

        var settings = new List<string>(2);
        if (!namespaceOk)
        {
            settings.Add($"trust.namespaces={List(options.Namespaces)}");
        }

        if (!containerOk)
        {
            settings.Add($"trust.containers={List(options.Containers)}");
        }

        return $"record written by container {AlertReader.Echo(container)} in namespace {AlertReader.Echo(ns)}{evidence}, not by Falco ({string.Join(", ", settings)})";
    }

    private static bool HasLabel(JsonElement labels, PodLabel label) =>
        ShipperPod.String(labels, label.Key) is { } value && (label.Value is null || value == label.Value);

    private static bool Matches(IReadOnlyList<GlobPattern> patterns, string? text) =>
        text is not null && patterns.Any(p => p.Matches(text));

    private static string List(IReadOnlyList<GlobPattern> patterns) => $"[{string.Join(", ", patterns)}]";
}
