using System.Diagnostics;
using System.Text;
using k8s;
using Responder.Core.Config;
using Responder.Core.Ingest;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Kubernetes;
using Responder.Kubernetes;

namespace Responder.Bench.Containment;

/// <summary>
/// One row of the benchmark: critical alerts on Deployment pods spread over ten nodes, contained by the
/// default policy (label, cordon, delete) through the real client. Every run starts from a fresh
/// cluster state on a warm client, as a warm Lambda invocation finds it.
/// </summary>
internal sealed class Scenario : IAsyncDisposable
{
    private const int Nodes = 10;
    private readonly FakeApiServer _fake;
    private readonly k8s.Kubernetes _client;
    private readonly ResponderConfig _config;
    private readonly int _alerts;
    private int _round;

    private Scenario(FakeApiServer fake, int alerts, int concurrency)
    {
        _fake = fake;
        _alerts = alerts;
        _client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = fake.Host, SslCaCerts = fake.Authority, AccessToken = fake.Token });
        // The blast-radius limits (20 deletes, 3 cordons an hour by default) are lifted: this measures round trips.
        _config = TestConfig.From($"dry_run = false\n[containment]\nconcurrency = {concurrency}\n[state]\nmax_deletes = 1000\nmax_cordons = 1000");
    }

    public static async Task<Scenario> StartAsync(int alerts, int concurrency, TimeSpan latency)
    {
        var fake = await FakeApiServer.StartAsync();
        fake.Cluster.AddNodes([.. Enumerable.Range(1, Nodes).Select(i => $"node-{i}")]);
        fake.Latency = latency;
        return new Scenario(fake, alerts, concurrency);
    }

    public async Task<(int Calls, double Median, double Min, double Max)> MeasureAsync(int runs)
    {
        await RunOnceAsync();
        var times = new List<double>();
        var calls = 0;
        for (var i = 0; i < runs; i++)
        {
            _fake.ClearRequests();
            times.Add(await RunOnceAsync());
            calls = _fake.Requests.Count;
        }

        times.Sort();
        return (calls, times[times.Count / 2], times[0], times[^1]);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    // Fresh pods (a Deployment per ten), every node schedulable again; then one batch, timed.
    private async Task<double> RunOnceAsync()
    {
        _round++;
        foreach (var node in _fake.Cluster.Nodes().Where(n => n.Unschedulable))
        {
            _fake.Cluster.Change(ResourceType.Nodes, null, node.Name, n => n["spec"]!["unschedulable"] = false);
        }

        var pods = new List<PodSnapshot>();
        for (var d = 0; pods.Count < _alerts; d++)
        {
            var nodes = Enumerable.Range(0, Math.Min(10, _alerts - pods.Count)).Select(i => $"node-{(i % Nodes) + 1}").ToArray();
            pods.AddRange(_fake.Cluster.AddDeployment($"shop-{_round}", $"web-{d}", nodes).Pods);
        }

        var alerts = pods.Select(p =>
        {
            var alert = Fixtures.AlertNode("drop-and-execute");
            alert["hostname"] = p.NodeName;
            alert["output_fields"]!["k8s.ns.name"] = p.Namespace;
            alert["output_fields"]!["k8s.pod.name"] = p.Name;
            return alert.ToJsonString();
        });
        var bytes = Encoding.UTF8.GetBytes("[" + string.Join(',', alerts) + "]");
        var port = new KubernetesClusterActions(_ => Task.FromResult<IKubernetes>(_client), _config.Containment, TimeProvider.System);
        var pipeline = new ResponsePipeline(_config, null, port);

        var clock = Stopwatch.StartNew();
        using var batch = new EnvelopeDecoder(_config.Limits, _config.Input.MergeKeys).Decode(new InputDocument(1, bytes, TooLarge: false, bytes.Length));
        var result = await pipeline.ProcessAsync(batch, CancellationToken.None);
        var elapsed = clock.Elapsed.TotalMilliseconds;

        var deleted = result.Alerts.Count(a => a.Actions.Any(x => x.Kind == Core.Policy.ActionKind.DeletePod && x.Status == Core.Policy.ActionStatus.Succeeded));
        if (deleted != _alerts)
        {
            throw new InvalidOperationException($"expected {_alerts} pods deleted, got {deleted}");
        }

        return elapsed;
    }
}
