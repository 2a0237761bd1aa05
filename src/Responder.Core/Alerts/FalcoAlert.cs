using System.Text.Json;

namespace Responder.Core.Alerts;

/// <summary>
/// One Falco alert. Scalar fields are read once; <see cref="Json"/> and <see cref="OutputFields"/>
/// stay views over the decoded record, valid until its batch is disposed.
/// </summary>
public sealed class FalcoAlert
{
    private string? _output;
    private string? _outputText;

    public required string Rule { get; init; }

    public required FalcoPriority Priority { get; init; }

    /// <summary>Canonical Falco name for known priorities, else the text as received (bounded).</summary>
    public required string PriorityName { get; init; }

    /// <summary><c>syscall</c>, <c>k8s_audit</c>, <c>internal</c>...; falcosidekick's <c>syscalls</c> is normalised to <c>syscall</c>.</summary>
    public required string Source { get; init; }

    /// <summary>ISO-8601 UTC time of the event: the alert's own, else the log event's, else null.</summary>
    public required string? Time { get; init; }

    public required string? Hostname { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required AlertTarget Target { get; init; }

    public required AlertFields OutputFields { get; init; }

    /// <summary>The alert object as received (root, <c>log</c> or <c>log_processed</c>).</summary>
    public required JsonElement Json { get; init; }

    /// <summary>The <c>output</c> line as Falco wrote it.</summary>
    public string Output => _output ??= JsonFields.GetText(Json, "output") ?? string.Empty;

    /// <summary>
    /// <see cref="Output"/> for a one-time reader (the dedupe key of every alert of a batch): read, not kept, so a
    /// batch's outputs are not all held until the batch ends when only a few are ever shown.
    /// </summary>
    internal string ReadOutput() => _output ?? JsonFields.GetText(Json, "output") ?? string.Empty;

    /// <summary><see cref="Output"/> without its time and priority prefix: stable across repeats.</summary>
    public string OutputText => _outputText ??= OutputPrefix.Strip(Output);
}
