using System.Text;
using k8s;
using Microsoft.Extensions.Time.Testing;
using Responder.Aws.State;
using Responder.Core.Config;
using Responder.Core.Ingest;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Kubernetes;
using Responder.Harness.Servers;
using Responder.Kubernetes;

namespace Responder.Aws.Tests.State;

/// <summary>
/// Responder instances as Lambda runs them: each its own pipeline and its own DynamoDB client on one shared table, all
/// acting on the same fake Kubernetes API server, with one fake clock.
/// </summary>
public sealed class Responders(IDynamoDbServer dynamo, FakeApiServer cluster, string table, string? toml = null) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public ResponderConfig Config { get; } = TestConfig.From("dry_run = false\n" + toml);

    /// <summary>A new instance: a cold start, with nothing in memory.</summary>
    public (ResponsePipeline Pipeline, DynamoResponseState State) Instance(INotifier? notifier = null)
    {
        var client = dynamo.Client();
        var kube = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = cluster.Host, SslCaCerts = cluster.Authority, AccessToken = cluster.Token });
        _owned.Add(client);
        _owned.Add(kube);
        var state = new DynamoResponseState(client, table, Clock);
        var port = new KubernetesClusterActions(_ => Task.FromResult<IKubernetes>(kube), Config.Containment, TimeProvider.System);
        return (new ResponsePipeline(Config, notifier, port, state: state, time: Clock), state);
    }

    /// <summary>One delivery (one document) through an instance.</summary>
    public async Task<BatchResult> RunAsync(ResponsePipeline pipeline, string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        using var batch = new EnvelopeDecoder(Config.Limits, Config.Input.MergeKeys).Decode(new InputDocument(1, bytes, TooLarge: false, bytes.Length));
        return await pipeline.ProcessAsync(batch, CancellationToken.None);
    }

    /// <summary>The critical alert about a pod that the default policy contains (label, cordon, delete).</summary>
    public static string Alert(PodSnapshot pod, string? output = null)
    {
        var alert = Fixtures.AlertNode("drop-and-execute");
        alert["output_fields"]!["k8s.ns.name"] = pod.Namespace;
        alert["output_fields"]!["k8s.pod.name"] = pod.Name;
        alert["hostname"] = pod.NodeName;
        if (output is not null)
        {
            alert["output"] = output;
        }

        return alert.ToJsonString();
    }

    public static string Actions(AlertOutcome outcome) =>
        string.Join(", ", outcome.Actions.Where(a => a.Kind != Core.Policy.ActionKind.Notify).Select(a => $"{a.Kind.ToString()} {a.Status}" + (a.Reason is null ? "" : $" ({a.Reason})")));

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
