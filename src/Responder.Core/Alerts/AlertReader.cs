using System.Runtime.InteropServices;
using System.Text.Json;

namespace Responder.Core.Alerts;

/// <summary>
/// Reads a <see cref="FalcoAlert"/> from the alert object of a record, or says why it is unusable.
/// Every name that could reach the Kubernetes API is validated here.
/// </summary>
public static class AlertReader
{
    private const int MaxEchoLength = 80;

    /// <param name="json">The alert object.</param>
    /// <param name="kubernetes">Fluent Bit's <c>kubernetes</c> block of the record, if any (describes the Falco pod).</param>
    /// <param name="logTime">The log event's timestamp, used when the alert has no usable time.</param>
    public static AlertReadResult Read(JsonElement json, JsonElement? kubernetes, DateTimeOffset? logTime)
    {
        if (!JsonFields.TryGet(json, "rule", out var ruleValue) || ruleValue.ValueKind == JsonValueKind.Null)
        {
            return AlertReadResult.Invalid("the alert has no rule field");
        }

        if (ruleValue.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(ruleValue.GetString()))
        {
            return AlertReadResult.Invalid("the alert's rule field is not a non-empty string");
        }

        var fields = JsonFields.TryGet(json, "output_fields", out var fieldsValue) && fieldsValue.ValueKind == JsonValueKind.Object
            ? new AlertFields(fieldsValue)
            : AlertFields.Empty;

        var target = ResolveTarget(fields, json, kubernetes, out var problem);
        if (problem is not null)
        {
            return AlertReadResult.Invalid(problem);
        }

        var (priority, priorityName) = ReadPriority(json);
        return AlertReadResult.Valid(new FalcoAlert
        {
            Rule = ruleValue.GetString()!,
            Priority = priority,
            PriorityName = priorityName,
            Source = ReadSource(json),
            Time = ReadTime(json, logTime),
            Hostname = JsonFields.GetText(json, "hostname"),
            Tags = ReadTags(json),
            Target = target,
            OutputFields = fields,
            Json = json,
        });
    }

    private static AlertTarget ResolveTarget(AlertFields fields, JsonElement json, JsonElement? kubernetes, out string? problem)
    {
        problem = null;
        var ns = fields.GetText("k8s.ns.name") ?? fields.GetText("ka.target.namespace");
        if (ns is not null && !KubernetesNames.IsLabel(ns))
        {
            problem = $"namespace {Echo(ns)} is not a valid DNS-1123 label";
            return AlertTarget.None;
        }

        var pod = fields.GetText("k8s.pod.name") ?? fields.GetText("ka.target.pod.name") ?? AuditTargetPod(fields);
        if (pod is not null && !KubernetesNames.IsSubdomain(pod))
        {
            problem = $"pod name {Echo(pod)} is not a valid DNS-1123 subdomain";
            return AlertTarget.None;
        }

        var (node, source) = ResolveNode(json, kubernetes);
        return new AlertTarget(ns, pod, node, source);
    }

    // ka.target.name names whatever object the audit event is about: only a pod when the resource is pods.
    private static string? AuditTargetPod(AlertFields fields) =>
        fields.GetText("ka.target.resource") == "pods" ? fields.GetText("ka.target.name") : null;

    // With the Falco Helm chart, hostname is the node name; Fluent Bit's kubernetes.host is the same node.
    private static (string? Node, string? Source) ResolveNode(JsonElement json, JsonElement? kubernetes)
    {
        var hostname = JsonFields.GetText(json, "hostname");
        if (hostname is not null && KubernetesNames.IsSubdomain(hostname))
        {
            return (hostname, "hostname");
        }

        var host = kubernetes is { } meta ? JsonFields.GetText(meta, "host") : null;
        if (host is not null && KubernetesNames.IsSubdomain(host))
        {
            return (host, "kubernetes.host");
        }

        return (null, null);
    }

    private static (FalcoPriority Priority, string Name) ReadPriority(JsonElement json)
    {
        if (!JsonFields.TryGet(json, "priority", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return (FalcoPriority.Unknown, FalcoPriority.Unknown.ToFalcoName());
        }

        var priority = FalcoPriorities.Parse(JsonMarshal.GetRawUtf8Value(value).Trim("\""u8));
        if (priority == FalcoPriority.Unknown)
        {
            // Escaped or unusual text: parse the decoded string before giving up.
            var text = value.GetString() ?? string.Empty;
            priority = FalcoPriorities.Parse(text);
            return priority == FalcoPriority.Unknown ? (priority, Bounded(text, 32)) : (priority, priority.ToFalcoName());
        }

        return (priority, priority.ToFalcoName());
    }

    private static string ReadSource(JsonElement json)
    {
        var source = JsonFields.GetText(json, "source");
        return source switch
        {
            // Falco before 0.31 wrote no source: those alerts were syscall alerts.
            null or "" => "syscall",
            "syscalls" => "syscall",
            _ => Bounded(source, 64),
        };
    }

    private static string? ReadTime(JsonElement json, DateTimeOffset? logTime)
    {
        var time = JsonFields.GetText(json, "time");
        if (FalcoTime.TryParse(time, out _))
        {
            return time;
        }

        return logTime is { } fallback ? FalcoTime.Format(fallback) : null;
    }

    private static string[] ReadTags(JsonElement json)
    {
        if (!JsonFields.TryGet(json, "tags", out var tags))
        {
            return [];
        }

        if (tags.ValueKind == JsonValueKind.String)
        {
            return tags.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (tags.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var result = new string[tags.GetArrayLength()];
        var i = 0;
        foreach (var tag in tags.EnumerateArray())
        {
            result[i++] = JsonFields.AsText(tag) ?? string.Empty;
        }

        return result;
    }

    /// <summary>Attacker text quoted for a message: bounded, so a rejection never echoes a megabyte.</summary>
    internal static string Echo(string text) => "\"" + Bounded(text, MaxEchoLength) + "\"";

    private static string Bounded(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
