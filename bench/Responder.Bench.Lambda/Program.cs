using System.Diagnostics;
using System.Globalization;
using Responder.Harness.Lambda;

// Lambda host benchmark: cold start (exec of bootstrap until the emulator has the first response),
// peak RSS for a 1 MB compressed event, warm invocation latency; "storm": a 5,000-alert storm
// published to SNS (fauxqs); "budget": decompression amplification. Driven by bench/lambda.py.
if (args is ["storm", var stormBootstrap, ..])
{
    return await Storm.RunAsync(stormBootstrap);
}

// "floors BOOTSTRAP FLOOR EVENT_1000 EVENT_1MB COLD_RUNS WARM_RUNS": the Lambda targets beside their floors, as JSON.
if (args is ["floors", var subject, var floor, var small, var large, var cold, var warm])
{
    return await Responder.Bench.Lambda.Floors.RunAsync(
        subject, floor, File.ReadAllBytes(small), File.ReadAllBytes(large), int.Parse(cold, CultureInfo.InvariantCulture), int.Parse(warm, CultureInfo.InvariantCulture));
}

// "budget BOOTSTRAP MEMORY_MB KINESIS_RECORDS [EVENT...]": decompression amplification (one CloudWatch event, one
// Kinesis batch), and any further CloudWatch events given.
if (args is ["budget", var budgetBootstrap, var memory, var kinesis, .. var files])
{
    return await Responder.Bench.Lambda.Budget.RunAsync(
        budgetBootstrap, int.Parse(memory, CultureInfo.InvariantCulture), int.Parse(kinesis, CultureInfo.InvariantCulture), files);
}

if (args.Length < 6)
{
    Console.Error.WriteLine("usage: Responder.Bench.Lambda AOT_BOOTSTRAP JIT_BOOTSTRAP_DLL EVENT_1000 EVENT_1MB ALERTS_1MB COLD_RUNS [WARM_RUNS]");
    return 2;
}

var aot = args[0];
var jit = args[1];
var thousand = File.ReadAllBytes(args[2]);
var megabyte = (Payload: File.ReadAllBytes(args[3]), Alerts: int.Parse(args[4], CultureInfo.InvariantCulture));
var coldRuns = int.Parse(args[5], CultureInfo.InvariantCulture);
var warmRuns = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 500;
Console.WriteLine($"events: 1,000 alerts = {thousand.Length / 1024.0:F0} KiB; 1 MB event = {megabyte.Alerts:N0} alerts, {megabyte.Payload.Length / 1024.0:F0} KiB");

if (coldRuns > 0)
{
await using var coldApi = await RuntimeApiEmulator.StartAsync();
var aotCold = await Measure.ColdStartsAsync(coldApi, aot, [], thousand, coldRuns);
var jitCold = await Measure.ColdStartsAsync(coldApi, "dotnet", [jit], thousand, coldRuns);
Console.WriteLine();
Console.WriteLine($"cold start, CloudWatch event of 1,000 alerts, {coldRuns} runs each (after one unscored run):");
Console.WriteLine("| build | median (ms) | min (ms) | max (ms) |");
Console.WriteLine("| --- | --- | --- | --- |");
Console.WriteLine($"| Native AOT `bootstrap` | {Stats.Median(aotCold):F1} | {aotCold.Min():F1} | {aotCold.Max():F1} |");
Console.WriteLine($"| JIT `dotnet bootstrap.dll` | {Stats.Median(jitCold):F1} | {jitCold.Min():F1} | {jitCold.Max():F1} |");
}

Console.WriteLine();
Console.WriteLine($"warm invocations, {warmRuns} each after 20 warm-up invocations (Native AOT, 512 MB function):");
Console.WriteLine("| event | p50 (ms) | p90 (ms) | p99 (ms) | peak RSS (MiB) |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
await using var api = await RuntimeApiEmulator.StartAsync();
foreach (var (name, payload) in new[] { ("1,000 alerts", thousand), ($"1 MB compressed ({megabyte.Alerts:N0} alerts)", megabyte.Payload) })
{
    var (latencies, peak, firstPeak) = await Measure.WarmAsync(api, aot, payload, warmRuns);
    Console.WriteLine($"| {name} | {Stats.Percentile(latencies, 50):F2} | {Stats.Percentile(latencies, 90):F2} | {Stats.Percentile(latencies, 99):F2} | {firstPeak / 1024.0:F0} after the first, {peak / 1024.0:F0} after all |");
}

return 0;

internal static class Measure
{
    public static async Task<List<double>> ColdStartsAsync(RuntimeApiEmulator api, string command, string[] arguments, byte[] payload, int runs)
    {
        var results = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            // The previous sandbox must be gone, or its pending next call could take the event.
            while (api.Waiting > 0)
            {
                await Task.Delay(5);
            }

            var reply = api.InvokeAsync(payload);
            var clock = Stopwatch.StartNew();
            using var process = BootstrapProcess.Start(command, api.Address, Environment(), keepLogs: false, arguments);
            var posted = await reply.WaitAsync(TimeSpan.FromSeconds(60));
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (posted.IsError)
            {
                throw new InvalidOperationException($"the bootstrap failed: {posted.Text}");
            }

            if (i > 0)
            {
                results.Add(elapsed); // the first run warms the page cache and the emulator
            }
        }

        return results;
    }

    public static async Task<(List<double> Latencies, long Peak, long FirstPeak)> WarmAsync(RuntimeApiEmulator api, string command, byte[] payload, int runs)
    {
        using var process = BootstrapProcess.Start(command, api.Address, Environment(), keepLogs: false);
        await api.InvokeAsync(payload).WaitAsync(TimeSpan.FromSeconds(60));
        var firstPeak = process.Memory().Peak;
        for (var i = 0; i < 20; i++)
        {
            await api.InvokeAsync(payload);
        }

        var latencies = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var reply = await api.InvokeAsync(payload);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            if (reply.IsError)
            {
                throw new InvalidOperationException($"the bootstrap failed: {reply.Text}");
            }
        }

        return (latencies, process.Memory().Peak, firstPeak);
    }

    private static Dictionary<string, string> Environment() => new() { ["_HANDLER"] = "respond" };
}

internal static class Stats
{
    public static double Median(List<double> values) => Percentile(values, 50);

    public static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var rank = percentile / 100.0 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
