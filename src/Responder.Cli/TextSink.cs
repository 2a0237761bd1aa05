using System.Globalization;
using System.Text;
using Responder.Core.Ingest;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;

namespace Responder.Cli;

/// <summary>A readable report for a terminal: one block per alert, one line per rejection, totals at the end.</summary>
internal sealed class TextSink(Stream output) : IReportSink
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
    private bool _anyDryRun;

    public ReportSummary Summary { get; } = new();

    public void Write(BatchResult batch)
    {
        foreach (var outcome in batch.Alerts)
        {
            WriteAlert(outcome);
        }

        foreach (var rejection in batch.Rejected)
        {
            _writer.WriteLine($"rejected  {TerminalText.Safe(rejection.Id, 60)}  {rejection.Code.ToWire()}: {TerminalText.Safe(rejection.Message)}");
        }

        Summary.Add(batch);
        _writer.Flush();
    }

    public void Complete()
    {
        _writer.WriteLine();
        var codes = string.Join(", ", Summary.RejectedByCode.Select(c => $"{c.Key.ToWire()} {c.Value}"));
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"received {Summary.Received}, alerts {Summary.Alerts}, rejected {Summary.Rejected}{(codes.Length > 0 ? $" ({codes})" : string.Empty)}"));
        var actions = string.Join(", ", Summary.Actions.Select(a => $"{a.Key.ToWire()} {a.Value}"));
        var statuses = string.Join(", ", Summary.Statuses.Select(s => $"{s.Key.ToWire()} {s.Value}"));
        _writer.WriteLine(actions.Length == 0 ? "actions: none" : $"actions: {actions} ({statuses})");
        if (_anyDryRun)
        {
            _writer.WriteLine("dry run: cluster actions were planned, not carried out");
        }

        _writer.Flush();
    }

    private void WriteAlert(AlertOutcome outcome)
    {
        var alert = outcome.Alert;
        var target = alert.Target;
        _anyDryRun |= outcome.DryRun;
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Ranking.Severity.ToWire().ToUpperInvariant(),-13} {outcome.Ranking.Score,3}  {TerminalText.Safe(alert.Rule, 80)} ({TerminalText.Safe(alert.PriorityName, 20)})"));
        _writer.WriteLine(
            $"    id {TerminalText.Safe(outcome.Id, 60)}  namespace {TerminalText.Safe(target.Namespace)}  pod {TerminalText.Safe(target.Pod)}  node {TerminalText.Safe(target.Node)}");
        if (outcome.Actions.Count == 0)
        {
            _writer.WriteLine("    no action: no policy rule matched");
        }

        foreach (var action in outcome.Actions)
        {
            var reason = action.Reason is null ? string.Empty : $"  {TerminalText.Safe(action.Reason)}";
            _writer.WriteLine($"    {action.Kind.ToWire(),-16} {TerminalText.Fit(action.Target, 44)} {action.Status.ToWire()}{reason}");
        }
    }

    public void Dispose() => _writer.Dispose();
}
