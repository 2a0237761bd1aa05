using System.CommandLine;
using System.Text;
using Responder.Core.Alerts;
using Responder.Core.Drill;
using Responder.Core.Ingest;

namespace Responder.Cli;

/// <summary><c>responder drill</c>: writes a ready Lambda event carrying one realistic Falco alert.</summary>
internal static class DrillCommand
{
    private static readonly Dictionary<string, EnvelopeKind> Envelopes = new()
    {
        ["cloudwatch"] = EnvelopeKind.CloudWatchLogs,
        ["kinesis"] = EnvelopeKind.Kinesis,
        ["sns"] = EnvelopeKind.Sns,
        ["direct"] = EnvelopeKind.Direct,
        ["array"] = EnvelopeKind.Array,
    };

    private static readonly Dictionary<string, RecordShape> Shapes = new()
    {
        ["raw"] = RecordShape.RawAlert,
        ["log-string"] = RecordShape.LogString,
        ["log-object"] = RecordShape.LogObject,
        ["merged"] = RecordShape.Merged,
        ["merged-no-log"] = RecordShape.MergedNoLog,
        ["log-processed"] = RecordShape.LogProcessed,
        ["sidekick"] = RecordShape.Sidekick,
        ["merge-key"] = RecordShape.MergeKey,
    };

    public static Command Create(CliConsole console)
    {
        var defaults = new DrillRequest();
        var rule = new Option<string>("--rule") { Description = "Falco rule name.", DefaultValueFactory = _ => defaults.Rule };
        var priority = new Option<string>("--priority") { Description = "Falco priority.", DefaultValueFactory = _ => "Critical" };
        var ns = new Option<string>("--namespace") { Description = "Namespace of the offending pod ('' for none).", DefaultValueFactory = _ => defaults.Namespace! };
        var pod = new Option<string>("--pod") { Description = "The offending pod ('' for none).", DefaultValueFactory = _ => defaults.Pod! };
        var node = new Option<string>("--node") { Description = "Node (Falco's hostname).", DefaultValueFactory = _ => defaults.Node! };
        var tags = new Option<string?>("--tags") { Description = "Comma-separated tags (default: the real tags of the default rule)." };
        var envelope = new Option<string>("--envelope") { Description = "Lambda event envelope.", DefaultValueFactory = _ => "cloudwatch" };
        envelope.AcceptOnlyFromAmong([.. Envelopes.Keys]);
        var shape = new Option<string>("--shape") { Description = "Record shape from the log shipper.", DefaultValueFactory = _ => "raw" };
        shape.AcceptOnlyFromAmong([.. Shapes.Keys]);
        var marker = new Option<string>("--marker") { Description = "Drill marker placed in the drill wrapper.", DefaultValueFactory = _ => DrillRequest.DefaultMarker };
        var plain = new Option<bool>("--plain") { Description = "Write the bare envelope, without the drill wrapper." };
        var count = new Option<int>("--count") { Description = "Number of copies of the alert (log events).", DefaultValueFactory = _ => 1 };
        var time = new Option<DateTimeOffset?>("--time") { Description = "Event time, ISO-8601 (default: now)." };
        var output = new Option<string>("--output", "-o") { Description = "File to write; '-' for standard output.", DefaultValueFactory = _ => "-" };

        var command = new Command("drill", "Write a ready Lambda event (for sam local invoke -e, aws lambda invoke, or respond).")
        {
            rule, priority, ns, pod, node, tags, envelope, shape, marker, plain, count, time, output,
        };
        command.SetAction(result =>
        {
            var parsedPriority = FalcoPriorities.Parse(result.GetValue(priority));
            if (parsedPriority == FalcoPriority.Unknown)
            {
                throw new CliException(ExitCodes.Usage, $"--priority {result.GetValue(priority)} is not a Falco priority");
            }

            if (result.GetValue(count) is < 1 or > 100_000)
            {
                throw new CliException(ExitCodes.Usage, "--count must be between 1 and 100000");
            }

            var request = new DrillRequest
            {
                Rule = result.GetValue(rule)!,
                Priority = parsedPriority,
                Namespace = Blank(result.GetValue(ns)),
                Pod = Blank(result.GetValue(pod)),
                Node = Blank(result.GetValue(node)),
                Tags = result.GetValue(tags)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Envelope = Envelopes[result.GetValue(envelope)!],
                Shape = Shapes[result.GetValue(shape)!],
                Marker = result.GetValue(plain) ? null : result.GetValue(marker),
                Time = result.GetValue(time) ?? DateTimeOffset.UtcNow,
                Count = result.GetValue(count),
            };
            Write(result.GetValue(output)!, DrillEvents.Build(request), console);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static void Write(string path, string text, CliConsole console)
    {
        if (path == "-")
        {
            console.Output.Write(Encoding.UTF8.GetBytes(text));
            console.Output.Flush();
            return;
        }

        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot write {path}: {ex.Message}");
        }
    }
}
