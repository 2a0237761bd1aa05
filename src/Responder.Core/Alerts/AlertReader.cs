using System.Runtime.InteropServices;
using System.Text.Json;

namespace Responder.Core.Alerts;

/// <summary>
/// Reads a <see cref="FalcoAlert"/> from the alert object of a record, or says why it is unusable.
/// Every name that could reach the Kubernetes API is validated here. One pass over the alert's keys
/// and one over its output_fields: this runs for every alert of every batch.
/// </summary>
public static class AlertReader
{
    private const int MaxEchoLength = 80;

    private static readonly string[] AlertKeys = ["rule", "priority", "source", "time", "hostname", "tags", "output_fields"];
    private static readonly string[] TargetKeys =
        ["k8s.ns.name", "ka.target.namespace", "k8s.pod.name", "ka.target.pod.name", "ka.target.name", "ka.target.resource", "k8s.pod.uid"];

    /// <param name="json">The alert object.</param>
    /// <param name="kubernetes">Fluent Bit's <c>kubernetes</c> block of the record, if any (describes the Falco pod).</param>
    /// <param name="logTime">The log event's timestamp, used when the alert has no usable time.</param>
    /// <param name="merged">The alert's keys were merged into the shipper's record, which may have a time of its own.</param>
    public static AlertReadResult Read(JsonElement json, JsonElement? kubernetes, DateTimeOffset? logTime, bool merged = false)
    {
        var keys = new KeyValues();
        JsonFields.Find(json, AlertKeys, keys);
        var (rule, priority, source, time, hostname, tags, outputFields) = (keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6]);

        if (rule.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return AlertReadResult.Invalid("the alert has no rule field");
        }

        if (rule.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(TextCache.Get(rule)))
        {
            return AlertReadResult.Invalid("the alert's rule field is not a non-empty string");
        }

        var fields = outputFields.ValueKind == JsonValueKind.Object ? new AlertFields(outputFields) : AlertFields.Empty;
        var hostnameText = hostname.ValueKind == JsonValueKind.String ? TextCache.Get(hostname) : JsonFields.AsText(hostname);
        var target = ResolveTarget(outputFields, hostnameText, kubernetes, out var problem);
        if (problem is not null)
        {
            return AlertReadResult.Invalid(problem);
        }

        var (priorityValue, priorityName) = ReadPriority(priority);
        return AlertReadResult.Valid(new FalcoAlert
        {
            Rule = TextCache.Get(rule),
            Priority = priorityValue,
            PriorityName = priorityName,
            Source = ReadSource(source),
            Time = ReadTime(merged ? FalcosTime(json, time) : time, logTime),
            Hostname = hostnameText,
            Tags = ReadTags(tags),
            Target = target,
            OutputFields = fields,
            Json = json,
        });
    }

    private static AlertTarget ResolveTarget(JsonElement outputFields, string? hostname, JsonElement? kubernetes, out string? problem)
    {
        problem = null;
        var values = new KeyValues();
        JsonFields.Find(outputFields, TargetKeys, values);
        var ns = Text(values[0]) ?? Text(values[1]);
        if (ns is not null && !KubernetesNames.IsLabel(ns))
        {
            problem = $"namespace {Echo(ns)} is not a valid DNS-1123 label";
            return AlertTarget.None;
        }

        // ka.target.name names whatever object the audit event is about: only a pod when the resource is pods.
        var pod = Text(values[2]) ?? Text(values[3]) ?? (Text(values[5]) == "pods" ? Text(values[4]) : null);
        if (pod is not null && !KubernetesNames.IsSubdomain(pod))
        {
            problem = $"pod name {Echo(pod)} is not a valid DNS-1123 subdomain";
            return AlertTarget.None;
        }

        var uid = Text(values[6]);
        if (uid is not null && !KubernetesNames.IsUid(uid))
        {
            problem = $"pod uid {Echo(uid)} is not a Kubernetes uid";
            return AlertTarget.None;
        }

        var (node, source) = ResolveNode(hostname, kubernetes);
        return new AlertTarget(ns, pod, node, source) { PodUid = uid };
    }

    // With the Falco Helm chart, hostname is the node name; Fluent Bit's kubernetes.host is the same node.
    private static (string? Node, string? Source) ResolveNode(string? hostname, JsonElement? kubernetes)
    {
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

    private static (FalcoPriority Priority, string Name) ReadPriority(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return (FalcoPriority.Unknown, FalcoPriority.Unknown.ToFalcoName());
        }

        var priority = FalcoPriorities.Parse(JsonMarshal.GetRawUtf8Value(value).Trim("\""u8));
        if (priority == FalcoPriority.Unknown)
        {
            // Escaped or unusual text: parse the decoded string before giving up.
            var text = LenientText.GetString(value);
            priority = FalcoPriorities.Parse(text);
            return priority == FalcoPriority.Unknown ? (priority, Bounded(text, 32)) : (priority, priority.ToFalcoName());
        }

        return (priority, priority.ToFalcoName());
    }

    private static string ReadSource(JsonElement value)
    {
        var source = TextCache.AsText(value);
        return source switch
        {
            // Falco before 0.31 wrote no source: those alerts were syscall alerts.
            null or "" => "syscall",
            "syscalls" => "syscall",
            _ => Bounded(source, 64),
        };
    }

    /// <summary>
    /// Of the times of a merged record, Falco's: a shipper that keeps its own time puts it first and merges the alert's
    /// keys after it. The one the output's time prefix agrees with wins; else the last.
    /// </summary>
    private static JsonElement FalcosTime(JsonElement json, JsonElement first)
    {
        // Nearly every merged record has one time key, which is the first: nothing to choose, and no output to read.
        if (TimeKeys(json) < 2)
        {
            return first;
        }

        JsonElement last = first;
        var count = 0;
        var output = JsonFields.GetText(json, "output");
        foreach (var property in json.EnumerateObject())
        {
            if (!property.NameEquals("time"u8) || property.Value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            count++;
            last = property.Value;
            if (output is not null && FalcoTime.TryParse(property.Value.GetString(), out var candidate) && OutputPrefix.StartsWithTime(output, candidate))
            {
                return property.Value;
            }
        }

        return count > 1 ? last : first;
    }

    private static int TimeKeys(JsonElement json)
    {
        var count = 0;
        foreach (var property in json.EnumerateObject())
        {
            if (property.NameEquals("time"u8))
            {
                count++;
            }
        }

        return count;
    }

    private static string? ReadTime(JsonElement value, DateTimeOffset? logTime)
    {
        if (value.ValueKind == JsonValueKind.String && FalcoTime.IsIso8601(JsonMarshal.GetRawUtf8Value(value).Trim("\""u8)))
        {
            return value.GetString();
        }

        return logTime is { } fallback ? FalcoTime.Format(fallback) : null;
    }

    private static string[] ReadTags(JsonElement tags)
    {
        if (tags.ValueKind == JsonValueKind.String)
        {
            return LenientText.GetString(tags).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (tags.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        // The alerts of one rule carry the same tags: the list read for one serves the next (lists are never changed).
        var raw = JsonMarshal.GetRawUtf8Value(tags);
        if (TagCache.Find(raw) is { } known)
        {
            return known;
        }

        var result = new string[tags.GetArrayLength()];
        var i = 0;
        foreach (var tag in tags.EnumerateArray())
        {
            result[i++] = TextCache.AsText(tag) ?? string.Empty;
        }

        TagCache.Add(raw, result);
        return result;
    }

    private static string? Text(JsonElement value)
    {
        var text = TextCache.AsText(value);
        return JsonFields.IsMissing(text) ? null : text;
    }

    /// <summary>Attacker text quoted for a message: bounded, so a rejection never echoes a megabyte.</summary>
    internal static string Echo(string text) => "\"" + Bounded(text, MaxEchoLength) + "\"";

    private static string Bounded(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    /// <summary>Room for the values of up to eight keys, without an array per alert.</summary>
    [System.Runtime.CompilerServices.InlineArray(8)]
    private struct KeyValues
    {
        private JsonElement _element;
    }
}
