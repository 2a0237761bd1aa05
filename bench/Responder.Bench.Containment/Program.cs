using System.Globalization;
using Responder.Bench.Containment;

// Containment round trips: the fake API server answers every call after a fixed latency; a scenario's
// wall time divided by that latency is the number of round trips on its critical path.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
var latency = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
Console.WriteLine($"latency {latency.TotalMilliseconds:F0} ms per API call, {runs} measured runs per row (after one warm-up run)");
Console.WriteLine();
Console.WriteLine("| scenario | concurrency | API calls | median wall (ms) | min (ms) | max (ms) | round trips (median wall / latency) |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");

(int Alerts, int Concurrency)[] rows = [(1, 8), (100, 8), (100, 16), (100, 32), (100, 64)];
foreach (var row in rows)
{
    await using var scenario = await Scenario.StartAsync(row.Alerts, row.Concurrency, latency);
    var result = await scenario.MeasureAsync(runs);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {row.Alerts} critical alert{(row.Alerts == 1 ? "" : "s")} | {row.Concurrency} | {result.Calls} | {result.Median:F1} | {result.Min:F1} | {result.Max:F1} | {result.Median / latency.TotalMilliseconds:F2} |"));
}

return 0;
