using System.CommandLine;
using System.Globalization;
using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;

namespace Responder.Cli;

/// <summary><c>responder explain</c>: for each alert, every term of its score and every policy decision.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var input = CommonOptions.Input();
        var config = CommonOptions.Config();
        var command = new Command("explain", "Show how each alert of the input is scored and which policy rules and guardrails apply.")
        {
            input,
            config,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(input)!, result.GetValue(config), console, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string input, string? configPath, CliConsole console, CancellationToken cancellationToken)
    {
        var config = ConfigSource.Require(configPath, console);
        using var stream = InputSource.Open(input, console);
        using var output = new StreamWriter(console.Output, leaveOpen: true);
        var pipeline = new ResponsePipeline(config);
        var decoder = pipeline.Decoder;
        using var reader = new DocumentReader(stream, config.Limits.MaxEnvelopeBytes, config.Limits.MaxDocumentLines);
        while (reader.TryRead(out var document))
        {
            using var batch = decoder.Decode(document, cancellationToken);

            // Acted on with no port connected, as respond does offline: the same dedupe, so a repeat shows as the
            // duplicate respond would reject, and nothing is sent anywhere.
            var result = await pipeline.ActAsync(pipeline.Decide(batch, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var outcome in result.Alerts)
            {
                Explain(output, outcome);
            }

            foreach (var rejection in result.Rejected)
            {
                output.WriteLine($"record {TerminalText.Safe(rejection.Id, 60)}: rejected {rejection.Code.ToWire()}: {TerminalText.Safe(rejection.Message)}");
                output.WriteLine();
            }
        }

        return ExitCodes.Ok;
    }

    private static void Explain(StreamWriter output, AlertOutcome outcome)
    {
        var alert = outcome.Alert;
        var ranking = outcome.Ranking;
        output.WriteLine($"record {TerminalText.Safe(outcome.Id, 60)}: {TerminalText.Safe(alert.Rule, 100)} ({TerminalText.Safe(alert.PriorityName, 20)}, source {TerminalText.Safe(alert.Source, 20)}, shape {(int)outcome.Record.Shape} {outcome.Record.Shape})");
        output.WriteLine($"  target: namespace {TerminalText.Safe(alert.Target.Namespace)}, pod {TerminalText.Safe(alert.Target.Pod)}, node {TerminalText.Safe(alert.Target.Node)}{(alert.Target.NodeSource is { } source ? $" (from {source})" : string.Empty)}");
        output.WriteLine($"  tags: {(alert.Tags.Count == 0 ? "none" : TerminalText.Safe(string.Join(", ", alert.Tags)))}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  score {ranking.Score} -> {ranking.Severity.ToWire()}"));
        foreach (var term in outcome.ScoreTerms)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {Signed(term),5}  {term.Kind,-9} {TerminalText.Safe(term.Note, 120)}"));
        }

        output.WriteLine(outcome.MatchedRules.Count == 0
            ? "  policy: no rule matched, nothing to do"
            : $"  policy: matched {string.Join(", ", outcome.MatchedRules)}");
        foreach (var action in outcome.Actions)
        {
            var reason = action.Reason is null ? string.Empty : $" ({TerminalText.Safe(action.Reason)})";
            output.WriteLine($"    {action.Kind.ToWire(),-16} {TerminalText.Safe(action.Target, 80)} {action.Status.ToWire()}{reason}  [rule {action.PolicyRule}]");
        }

        output.WriteLine();
    }

    // A base score or a pin is the score itself; every other term adds to it, and says so with its sign.
    private static string Signed(ScoreTerm term) => term.IsScore
        ? term.Points.ToString(CultureInfo.InvariantCulture)
        : term.Points.ToString("+0;-0;+0", CultureInfo.InvariantCulture);
}
