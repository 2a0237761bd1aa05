using System.CommandLine;
using Responder.Core.Config;
using Responder.Core.Ingest;
using Responder.Core.Response;
using Responder.Core.State;
using Responder.Hosting;

namespace Responder.Cli;

/// <summary>
/// <c>responder respond</c>: the whole pipeline over a file or standard input, streaming the report
/// batch by batch. Offline (no cloud, no cluster): every action is reported as planned.
/// </summary>
internal static class RespondCommand
{
    public static Command Create(CliConsole console)
    {
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var format = new Option<string>("--format", "-f")
        {
            Description = "text: a readable report for a terminal; json: one JSON object whose contract is docs/report.schema.json in the repository (fields explained in docs/report.md).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var live = new Option<bool>("--live")
        {
            Description = "Act for real: SNS notifications (and, with a cluster, cluster actions) with the default AWS credentials. Dry run still holds cluster actions back.",
        };

        var command = new Command("respond", "Decode, rank and decide on every alert of the input; print what is (or would be) done.")
        {
            input,
            config,
            format,
            live,
        };
        command.SetAction((result, token) => RunAsync(
            result.GetValue(input)!, result.GetValue(config), result.GetValue(format)!, result.GetValue(live), console, token));
        return command;
    }

    /// <summary>The real ports for <c>--live</c>, or a usage error saying what is missing.</summary>
    private static LivePorts LiveOrUsageError(ResponderConfig config, CliConsole console)
    {
        if (config.Aws.SnsTopicArn is null && config.Cluster.Name is null && config.Cluster.Endpoint is null && !config.SecurityHub.Enabled)
        {
            throw new CliException(ExitCodes.Usage,
                "--live needs somewhere to act: set aws.sns_topic_arn (RESPONDER_SNS_TOPIC_ARN), cluster.name (RESPONDER_CLUSTER_NAME) or securityhub.enabled (RESPONDER_SECURITYHUB)");
        }

        var ports = Composition.Ports(config, console.Environment);
        return ports.IsBuilt ? ports.Value : throw new CliException(ExitCodes.Usage, $"--live needs AWS credentials and a region: {ports.Problem.Message}");
    }

    private static async Task<int> RunAsync(string input, string? configPath, string format, bool live, CliConsole console, CancellationToken cancellationToken)
    {
        var config = ConfigSource.Require(configPath, console);
        var (notifier, cluster, state, findings) = live ? LiveOrUsageError(config, console) : new LivePorts(null, null, null, null);
        using var stream = InputSource.Open(input, console);
        // Not disposed: that would close the caller's standard output. Flushed by the sinks.
        var output = new BufferedStream(console.Output, 64 * 1024);
        using IReportSink sink = format == "json" ? new JsonSink(output) : new TextSink(output);
        var pipeline = new ResponsePipeline(config, notifier, cluster, state: state, findings: findings);
        var progress = new ProgressLine(console);
        using var reader = new DocumentReader(stream, config.Limits.MaxEnvelopeBytes, config.Limits.MaxDocumentLines);
        using var batches = new OrderedBatches(pipeline.Decoder, pipeline);
        try
        {
            while (reader.TryRead(out var document))
            {
                await ReportAsync(await batches.AddAsync(document).ConfigureAwait(false)).ConfigureAwait(false);
            }

            while (await batches.NextAsync().ConfigureAwait(false) is { } decided)
            {
                await ReportAsync(decided).ConfigureAwait(false);
            }
        }
        catch (StateUnavailableException ex)
        {
            // Nothing more can be deduped or claimed: stop, keeping the report of what was done valid.
            sink.Complete();
            progress.Finish();
            throw new CliException(ExitCodes.InputUnreadable, $"the state table failed after {sink.Summary.Received} records: {ex.Message}");
        }
        catch (IOException ex)
        {
            // Keep what was read: the report stays complete and valid, and the exit code says the input broke.
            while (await batches.NextAsync().ConfigureAwait(false) is { } decided)
            {
                await ReportAsync(decided).ConfigureAwait(false);
            }

            sink.Complete();
            progress.Finish();
            throw new CliException(ExitCodes.InputUnreadable, $"reading {input} failed after {sink.Summary.Received} records: {ex.Message}");
        }

        async Task ReportAsync(OrderedBatches.Decided? decided)
        {
            if (decided is null)
            {
                return;
            }

            using var batch = decided.Batch;
            sink.Write(await pipeline.ActAsync(decided.Result, cancellationToken).ConfigureAwait(false));
            progress.Update(sink.Summary.Received, reader.BytesRead);
        }

        sink.Complete();
        progress.Finish();
        return ExitCodes.Ok;
    }
}
