using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Responder.Core.Alerts;
using Responder.Core.Drill;
using Responder.Core.Ingest;

namespace Responder.Bench;

/// <summary>
/// Writes CloudWatch Logs subscription events, one per line, whose log events cycle through the seven
/// record shapes and a spread of real Falco rules, priorities, namespaces and pods.
/// </summary>
internal static class Generator
{
    private static readonly (string Rule, FalcoPriority Priority, string[] Tags)[] Rules =
    [
        ("Terminal shell in container", FalcoPriority.Notice, ["maturity_stable", "container", "shell", "mitre_execution", "T1059"]),
        ("Detect release_agent File Container Escapes", FalcoPriority.Critical, ["maturity_stable", "container", "process", "mitre_privilege_escalation", "T1611"]),
        ("Read sensitive file untrusted", FalcoPriority.Warning, ["maturity_stable", "host", "container", "filesystem", "mitre_credential_access", "T1555"]),
        ("Drop and execute new binary in container", FalcoPriority.Critical, ["maturity_stable", "container", "process", "mitre_persistence", "TA0003", "PCI_DSS_11.5.1"]),
        ("Debugfs Launched in Privileged Container", FalcoPriority.Warning, ["maturity_stable", "container", "cis", "process", "mitre_privilege_escalation", "T1611"]),
        ("Contact K8S API Server From Container", FalcoPriority.Notice, ["maturity_stable", "container", "network", "k8s", "mitre_discovery", "T1565"]),
        ("Fileless execution via memfd_create", FalcoPriority.Critical, ["maturity_stable", "host", "container", "process", "mitre_defense_evasion", "T1620"]),
        ("Launch Privileged Container", FalcoPriority.Informational, ["maturity_incubating", "container", "cis", "mitre_execution", "T1610"]),
    ];

    private static readonly string[] Namespaces = ["payments", "shop", "batch", "kube-system", "ml"];

    public static int Write(string output, int alerts, int perEnvelope)
    {
        using var file = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 20);
        var shapes = Enum.GetValues<RecordShape>();
        var start = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        for (var written = 0; written < alerts; written += perEnvelope)
        {
            // One delivery is one log stream: the lines of one Falco pod, on one node. The alerts name pods all over.
            var node = string.Create(CultureInfo.InvariantCulture, $"ip-10-0-{written / perEnvelope % 10}-{written / perEnvelope % 250}.eu-west-1.compute.internal");
            var messages = new List<string>(perEnvelope);
            for (var i = written; i < Math.Min(alerts, written + perEnvelope); i++)
            {
                var (rule, priority, tags) = Rules[i % Rules.Length];
                var hostAlert = i % 11 == 0;
                messages.Add(DrillEvents.Record(new DrillRequest
                {
                    Rule = rule,
                    Priority = priority,
                    Tags = tags,
                    Namespace = hostAlert ? null : Namespaces[i % Namespaces.Length],
                    Pod = hostAlert ? null : string.Create(CultureInfo.InvariantCulture, $"app-{i % 977:D3}-7d9f8b6c5d-x2k4q"),
                    Node = node,
                    Shape = shapes[i % shapes.Length],
                    Time = start.AddMilliseconds(i),
                }));
            }

            file.Write("{\"awslogs\":{\"data\":\"");
            file.Write(Convert.ToBase64String(Gzip(Payload(messages, node, start.AddSeconds(written)))));
            file.Write("\"}}\n");
        }

        return 0;
    }

    private static byte[] Payload(List<string> messages, string node, DateTimeOffset time)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("messageType", "DATA_MESSAGE");
            writer.WriteString("owner", "123456789012");
            writer.WriteString("logGroup", "/aws/containerinsights/prod-eks/application");
            writer.WriteString("logStream", DrillEvents.LogStream(node));
            writer.WriteStartArray("subscriptionFilters");
            writer.WriteStringValue("falco-responder");
            writer.WriteEndArray();
            writer.WriteStartArray("logEvents");
            for (var i = 0; i < messages.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"{time.ToUnixTimeMilliseconds():D20}{i:D36}"));
                writer.WriteNumber("timestamp", time.ToUnixTimeMilliseconds());
                writer.WriteString("message", messages[i]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
