using System.Globalization;
using System.Text.Json;
using Responder.Core.Alerts;

namespace Responder.Core.Drill;

/// <summary>
/// Writes a Falco alert as Falco does with <c>json_output: true</c>: the fields and output of the real
/// "Terminal shell in container" rule, with the pod, namespace and node of the request.
/// </summary>
internal static class DrillAlert
{
    private static readonly string[] ShellTags = ["maturity_stable", "container", "shell", "mitre_execution", "T1059"];

    public static void Write(Utf8JsonWriter writer, DrillRequest request, bool sidekick)
    {
        var time = request.Time.UtcDateTime;
        var nanos = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";
        var clock = time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00";
        var priority = request.Priority.ToFalcoName();
        var tags = request.Tags ?? (request.Rule == DrillRequest.DefaultRule ? ShellTags : []);
        var container = request.Pod is null ? "host" : "3ad5e5a8b1c2";

        if (sidekick)
        {
            writer.WriteString("uuid", DeterministicUuid(request));
        }

        writer.WriteString("hostname", request.Node ?? "falco-host");
        writer.WriteString("output", $"{clock}: {priority} {Describe(request)} | evt_type=execve user=root user_uid=0 " +
            $"process=bash proc_exepath=/usr/bin/bash parent=runc command=bash terminal=34816 container_id={container} " +
            $"container_name={(request.Pod is null ? "host" : "api")} k8s_ns_name={request.Namespace ?? "<NA>"} k8s_pod_name={request.Pod ?? "<NA>"}");
        writer.WriteStartObject("output_fields");
        writer.WriteString("container.id", container);
        writer.WriteString("container.image.repository", "registry.example.com/payments/api");
        writer.WriteString("container.image.tag", "1.42.0");
        writer.WriteString("container.name", request.Pod is null ? "host" : "api");
        writer.WriteString("evt.arg.flags", "EXE_WRITABLE");
        writer.WriteString("evt.time.iso8601", nanos);
        writer.WriteString("evt.type", "execve");
        writer.WriteString("k8s.ns.name", request.Namespace);
        writer.WriteString("k8s.pod.name", request.Pod);
        writer.WriteString("proc.cmdline", "bash");
        writer.WriteString("proc.exepath", "/usr/bin/bash");
        writer.WriteString("proc.name", "bash");
        writer.WriteString("proc.pname", "runc");
        writer.WriteNumber("proc.tty", 34816);
        writer.WriteNumber("user.loginuid", -1);
        writer.WriteString("user.name", "root");
        writer.WriteNumber("user.uid", 0);
        writer.WriteEndObject();
        writer.WriteString("priority", priority);
        writer.WriteString("rule", request.Rule);
        writer.WriteString("source", sidekick ? "syscalls" : "syscall");
        writer.WriteStartArray("tags");
        foreach (var tag in tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteString("time", nanos);
    }

    private static string Describe(DrillRequest request) => request.Rule == DrillRequest.DefaultRule
        ? "A shell was spawned in a container with an attached terminal"
        : $"Drill of rule {request.Rule}";

    private static string DeterministicUuid(DrillRequest request)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{request.Rule}|{request.Pod}|{request.Time:O}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
