using Responder.Aws.Sns;
using Responder.Core.Config;
using Responder.Core.Containment;
using Responder.Core.Ingest;
using Responder.Core.Ranking;
using Responder.Core.Response;
using Responder.Harness;

namespace Responder.Aws.Tests.Sns;

/// <summary>
/// Alerts taken through the real pipeline (decided, and acted on when a cluster is given) without a
/// notifier, for the pure parts of the SNS notifier. Keeps the batch their JSON views point into alive.
/// </summary>
internal sealed class DecidedAlerts : IDisposable
{
    public const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:falco-alerts";

    private readonly DocumentReader _reader;
    private readonly IngestBatch _batch;

    private DecidedAlerts(ResponderConfig config, DocumentReader reader, IngestBatch batch, IReadOnlyList<AlertOutcome> alerts)
    {
        Config = config;
        _reader = reader;
        _batch = batch;
        Alerts = alerts;
    }

    public ResponderConfig Config { get; }

    public IReadOnlyList<AlertOutcome> Alerts { get; }

    public List<AlertGroup> Groups => AlertGroup.Of(Alerts);

    /// <summary>The only group: every alert has the same rule, namespace and pod.</summary>
    public AlertGroup Group => Assert.Single(Groups);

    /// <param name="document">One input document: a raw alert, an envelope, a drill.</param>
    public static async Task<DecidedAlerts> OfAsync(string document, ResponderConfig? config = null, IClusterActions? cluster = null)
    {
        config ??= TestConfig.Default();

        // These tests are about groups of alerts reaching the notifier: dedupe, which folds repeats, is tested on its own.
        config = config with { State = config.State with { DedupeWindow = TimeSpan.Zero } };
        var reader = new DocumentReader(Envelopes.Lines(document), config.Limits.MaxEnvelopeBytes);
        Assert.True(reader.TryRead(out var input));
        var batch = new EnvelopeDecoder(config.Limits, config.Input.MergeKeys).Decode(input);
        var result = await new ResponsePipeline(config, cluster: cluster).ProcessAsync(batch, CancellationToken.None);
        Assert.Empty(result.Rejected);
        return new DecidedAlerts(config, reader, batch, result.Alerts);
    }

    public NotificationContext Context(string? cluster = "prod-eks", int? maxMessages = null) =>
        new(TopicArn, cluster, maxMessages ?? Config.Notifications.MaxMessages);

    public void Dispose()
    {
        _batch.Dispose();
        _reader.Dispose();
    }
}
