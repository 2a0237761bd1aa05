using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Responder.Harness.Lambda;

namespace Responder.Bench.Lambda;

/// <summary>
/// The Lambda figures of the performance targets, each beside its floor and measured in the same run, floor and
/// subject alternating: cold start (exec until the emulator has the response) on the 1,000-alert event; warm
/// latency and CPU per invocation on that event; peak RSS on the 1 MB event. The floor is a custom runtime that
/// only decodes (Responder.Bench bare-lambda, Native AOT like bootstrap). Prints one JSON object for bench/perf.py.
/// </summary>
internal static class Floors
{
    public static async Task<int> RunAsync(string bootstrap, string floor, byte[] thousand, byte[] megabyte, int coldRuns, int warmRuns)
    {
        var cold = await ColdAsync(bootstrap, floor, thousand, coldRuns).ConfigureAwait(false);
        var warm = await WarmAsync(bootstrap, floor, thousand, warmRuns).ConfigureAwait(false);
        var rss = await PeakAsync(bootstrap, floor, megabyte).ConfigureAwait(false);
        var result = new JsonObject
        {
            ["cold_ms"] = Pair(Median(cold.Floor), Median(cold.Subject)),
            ["warm_p50_ms"] = Pair(Median(warm.Floor.Latencies), Median(warm.Subject.Latencies)),
            ["warm_cpu_ms"] = Pair(warm.Floor.CpuMs, warm.Subject.CpuMs),
            ["rss_1mb_mib"] = Pair(rss.Floor.PeakMiB, rss.Subject.PeakMiB),
            // The harness's own check: both runtimes saw every message of each event.
            ["messages_1000"] = Pair(warm.Floor.Count, warm.Subject.Count),
            ["messages_1mb"] = Pair(rss.Floor.Count, rss.Subject.Count),
            ["runs"] = new JsonObject { ["cold"] = coldRuns, ["warm"] = warmRuns },
        };
        Console.WriteLine(result.ToJsonString());
        return 0;
    }

    private static JsonObject Pair(double floor, double subject) => new() { ["floor"] = floor, ["subject"] = subject };

    private static async Task<(List<double> Floor, List<double> Subject)> ColdAsync(string bootstrap, string floor, byte[] payload, int runs)
    {
        await using var api = await RuntimeApiEmulator.StartAsync().ConfigureAwait(false);
        var floors = new List<double>();
        var subjects = new List<double>();

        // One unscored run of each warms the page cache and the emulator.
        for (var i = 0; i <= runs; i++)
        {
            var f = await OneColdAsync(api, floor, payload).ConfigureAwait(false);
            var s = await OneColdAsync(api, bootstrap, payload).ConfigureAwait(false);
            if (i > 0)
            {
                floors.Add(f);
                subjects.Add(s);
            }
        }

        return (floors, subjects);
    }

    private static async Task<double> OneColdAsync(RuntimeApiEmulator api, string command, byte[] payload)
    {
        // The previous process must be gone, or its pending next call could take the event.
        while (api.Waiting > 0)
        {
            await Task.Delay(2).ConfigureAwait(false);
        }

        var reply = api.InvokeAsync(payload);
        var clock = Stopwatch.StartNew();
        using var process = BootstrapProcess.Start(command, api.Address, Variables(), keepLogs: false, Arguments(command));
        var posted = await reply.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        Check(posted, command);
        return elapsed;
    }

    private sealed record Warm(List<double> Latencies, double CpuMs, int Count);

    private static async Task<(Warm Floor, Warm Subject)> WarmAsync(string bootstrap, string floor, byte[] payload, int runs)
    {
        await using var floorApi = await RuntimeApiEmulator.StartAsync().ConfigureAwait(false);
        await using var subjectApi = await RuntimeApiEmulator.StartAsync().ConfigureAwait(false);
        using var floorProcess = BootstrapProcess.Start(floor, floorApi.Address, Variables(), keepLogs: false, Arguments(floor));
        using var subjectProcess = BootstrapProcess.Start(bootstrap, subjectApi.Address, Variables(), keepLogs: false, Arguments(bootstrap));
        var floorCount = Count(await floorApi.InvokeAsync(payload).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false), floor);
        var subjectCount = Count(await subjectApi.InvokeAsync(payload).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false), bootstrap);
        for (var i = 0; i < 20; i++)
        {
            Check(await floorApi.InvokeAsync(payload).ConfigureAwait(false), floor);
            Check(await subjectApi.InvokeAsync(payload).ConfigureAwait(false), bootstrap);
        }

        var floorLatencies = new List<double>(runs);
        var subjectLatencies = new List<double>(runs);
        var floorCpu = 0.0;
        var subjectCpu = 0.0;
        for (var i = 0; i < runs; i++)
        {
            var (f, fc) = await TimedAsync(floorApi, floorProcess, floor, payload).ConfigureAwait(false);
            var (s, sc) = await TimedAsync(subjectApi, subjectProcess, bootstrap, payload).ConfigureAwait(false);
            floorLatencies.Add(f);
            subjectLatencies.Add(s);
            floorCpu += fc;
            subjectCpu += sc;
        }

        return (new Warm(floorLatencies, floorCpu / runs, floorCount), new Warm(subjectLatencies, subjectCpu / runs, subjectCount));
    }

    private static async Task<(double Ms, double CpuMs)> TimedAsync(RuntimeApiEmulator api, BootstrapProcess process, string command, byte[] payload)
    {
        var cpu = ProcessCpu.Milliseconds(process.Id);
        var clock = Stopwatch.StartNew();
        var reply = await api.InvokeAsync(payload).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;

        // The runtime has posted its reply and is waiting on its next call: what it spent is this invocation's.
        var spent = ProcessCpu.Milliseconds(process.Id) - cpu;
        Check(reply, command);
        return (elapsed, spent);
    }

    private sealed record Peak(double PeakMiB, int Count);

    private static async Task<(Peak Floor, Peak Subject)> PeakAsync(string bootstrap, string floor, byte[] payload)
    {
        var f = await OnePeakAsync(floor, payload).ConfigureAwait(false);
        var s = await OnePeakAsync(bootstrap, payload).ConfigureAwait(false);
        return (f, s);
    }

    private static async Task<Peak> OnePeakAsync(string command, byte[] payload)
    {
        await using var api = await RuntimeApiEmulator.StartAsync().ConfigureAwait(false);
        using var process = BootstrapProcess.Start(command, api.Address, Variables(), keepLogs: false, Arguments(command));
        var count = Count(await api.InvokeAsync(payload).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false), command);
        return new Peak(process.Memory().Peak / 1024.0, count);
    }

    /// <summary>Messages the floor read, or records the responder received, from the reply.</summary>
    private static int Count(RuntimeReply reply, string command)
    {
        Check(reply, command);
        var json = JsonNode.Parse(reply.Body)!.AsObject();
        return json["messages"] is { } messages ? messages.GetValue<int>() : json["summary"]!["received"]!.GetValue<int>();
    }

    private static void Check(RuntimeReply reply, string command)
    {
        if (reply.IsError)
        {
            throw new InvalidOperationException($"{Path.GetFileName(command)} failed: {reply.Text}");
        }
    }

    // The floor is Responder.Bench, which takes its mode as an argument.
    private static string[] Arguments(string command) => Path.GetFileName(command) == "bootstrap" ? [] : ["bare-lambda"];

    private static Dictionary<string, string> Variables() => new() { ["_HANDLER"] = "respond" };

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>User plus system CPU of a process so far, from /proc/PID/stat (clock ticks of 10 ms).</summary>
internal static class ProcessCpu
{
    public static double Milliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 10.0;
    }
}
