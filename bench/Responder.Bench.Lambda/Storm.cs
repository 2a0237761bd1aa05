using System.Diagnostics;
using System.Globalization;
using System.Text;
using Responder.Core.Alerts;
using Responder.Core.Drill;
using Responder.Core.Ingest;
using Responder.Harness;
using Responder.Harness.Lambda;
using Responder.Harness.Servers;

/// <summary>
/// A storm: 5,000 alerts in one CloudWatch event (four rules on 100 pods, Notice to Critical), through
/// the published bootstrap with a topic on fauxqs. Counts the messages that reach the subscribed queue.
/// </summary>
internal static class Storm
{
    private static readonly (string Rule, FalcoPriority Priority)[] Rules =
    [
        ("Terminal shell in container", FalcoPriority.Critical),
        ("Drop and execute new binary in container", FalcoPriority.Critical),
        ("Read sensitive file untrusted", FalcoPriority.Warning),
        ("Contact K8S API Server From Container", FalcoPriority.Notice),
    ];

    public static async Task<int> RunAsync(string bootstrap)
    {
        const int Alerts = 5_000;
        var messages = Enumerable.Range(0, Alerts).Select(i => DrillEvents.Record(new DrillRequest
        {
            Rule = Rules[i % Rules.Length].Rule,
            Priority = Rules[i % Rules.Length].Priority,
            Namespace = "shop",
            Pod = string.Create(CultureInfo.InvariantCulture, $"web-{i / Rules.Length % 100:D3}-7d9f8b6c5d-x2k4q"),
            Time = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddMilliseconds(i * 7),
        }));
        var payload = Encoding.UTF8.GetBytes(Envelopes.CloudWatch(messages));

        await using var fauxqs = await Fauxqs.StartAsync();
        await using var api = await RuntimeApiEmulator.StartAsync();
        Console.WriteLine($"storm: {Alerts:N0} alerts, 4 rules x 100 pods = 400 groups, event {payload.Length / 1024.0:F0} KiB; default configuration (dry run, max_messages 10)");
        Console.WriteLine("| run | wall time of the invocation (ms) | publishes (messages in the queue) | alerts notified | repeats rejected as duplicates |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        for (var run = 1; run <= 5; run++)
        {
            var (topic, queue) = await fauxqs.TopicWithQueueAsync($"storm-{run}");
            using var process = BootstrapProcess.Start(bootstrap, api.Address, new Dictionary<string, string>
            {
                ["_HANDLER"] = "respond",
                ["RESPONDER_SNS_TOPIC_ARN"] = topic,
                ["RESPONDER_CLUSTER_NAME"] = "falco-prod",
                ["AWS_ENDPOINT_URL_SNS"] = fauxqs.Endpoint.AbsoluteUri,
                ["AWS_ACCESS_KEY_ID"] = "AKIDFAUXQS",
                ["AWS_SECRET_ACCESS_KEY"] = "fauxqs-secret",
            }, keepLogs: false);
            await api.InvokeAsync(Encoding.UTF8.GetBytes(Fixtures.Alert("kernel-module-host"))); // warm: init and connection
            await fauxqs.ReceiveAsync(queue, 1);
            var clock = Stopwatch.StartNew();
            var reply = await api.InvokeAsync(payload);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var received = await fauxqs.ReceiveAsync(queue, 1_000, TimeSpan.FromSeconds(3));
            var notified = reply.Json["summary"]!["actions"]!["notify"]!.GetValue<int>();
            var duplicates = reply.Json["summary"]!["rejected"]!.GetValue<int>();
            Console.WriteLine($"| {run} | {elapsed:F0} | {received.Count} | {notified:N0} | {duplicates:N0} |");
        }

        return 0;
    }
}
