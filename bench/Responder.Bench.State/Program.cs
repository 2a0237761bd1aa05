using System.Diagnostics;
using System.Globalization;
using System.Text;
using Responder.Aws.State;
using Responder.Core.Ingest;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.Harness.Servers;

// DynamoDB calls per alert and wall time for 1,000 alerts against dynalite, through the whole pipeline (dedupe, claims,
// limits, outcomes) with an in-process cluster port that succeeds at once, so only the state costs time.
var alerts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var batchSize = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
await using var dynalite = await Dynalite.StartAsync();
var config = TestConfig.From("dry_run = false\n[state]\nmax_deletes = 100000\nmax_cordons = 100000");
Console.WriteLine($"{alerts} alerts in deliveries of {batchSize}; dynalite@4.0.0 on 127.0.0.1; default policy (label-pod, cordon-node, delete-pod)");
Console.WriteLine();
Console.WriteLine("| scenario | DynamoDB calls | calls per alert | wall (ms) | ms per alert |");
Console.WriteLine("| --- | --- | --- | --- | --- |");

var table = await dynalite.CreateTableAsync("bench");
var distinct = Deliveries(alerts, batchSize, repeat: 1, firstId: 1);
await RowAsync("1,000 new alerts, each on its own pod (first instance)", distinct);
await RowAsync("the same deliveries again (Lambda retry: every action already done)", distinct);
await RowAsync("the same alerts in new deliveries (another instance: all duplicates)", Deliveries(alerts, batchSize, repeat: 1, firstId: 1_000_000));
var fresh = await dynalite.CreateTableAsync("bench");
table = fresh;
await RowAsync("1,000 alerts, 10 repeats of each of 100 pods (a storm)", Deliveries(alerts, batchSize, repeat: 10, firstId: 1));
return 0;

async Task RowAsync(string name, List<string> deliveries)
{
    using var client = dynalite.Client();
    var state = new DynamoResponseState(client, table, TimeProvider.System);
    var pipeline = new ResponsePipeline(config, cluster: new FakeCluster(), state: state);
    var clock = Stopwatch.StartNew();
    foreach (var delivery in deliveries)
    {
        var bytes = Encoding.UTF8.GetBytes(delivery);
        using var batch = new EnvelopeDecoder(config.Limits, config.Input.MergeKeys).Decode(new InputDocument(1, bytes, TooLarge: false, bytes.Length));
        await pipeline.ProcessAsync(batch, CancellationToken.None);
    }

    var ms = clock.Elapsed.TotalMilliseconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {state.Calls} | {(double)state.Calls / alerts:F2} | {ms:F0} | {ms / alerts:F2} |"));
}

static List<string> Deliveries(int alerts, int batchSize, int repeat, long firstId)
{
    var all = Enumerable.Range(0, alerts).Select(i =>
    {
        var alert = Fixtures.AlertNode("drop-and-execute");
        alert["output_fields"]!["k8s.ns.name"] = "shop";
        alert["output_fields"]!["k8s.pod.name"] = string.Create(CultureInfo.InvariantCulture, $"web-{i / repeat:0000}");
        alert["hostname"] = string.Create(CultureInfo.InvariantCulture, $"node-{i / repeat % 50:00}");
        return alert.ToJsonString();
    }).ToList();
    return [.. all.Chunk(batchSize).Select((chunk, n) => Envelopes.CloudWatch(chunk, firstId: firstId + (n * batchSize)))];
}
