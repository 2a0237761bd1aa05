using System.Text.Encodings.Web;
using System.Text.Json;

namespace Responder.Core.Response;

/// <summary>
/// Streams the JSON report (docs/report.schema.json): alerts are written as their batch completes; rejections go to a scratch
/// stream (they come after the alerts in the document) and are copied out at the end.
/// Memory stays bounded by one batch whatever the size of the input.
/// </summary>
public sealed class JsonReportWriter : IDisposable
{
    // Attacker text is escaped by JSON rules only; HTML-safe escaping would just make reports unreadable.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _output;
    private readonly Stream _rejectedScratch;
    private readonly Utf8JsonWriter _writer;
    private bool _anyAlert;
    private bool _anyRejected;
    private bool _started;

    public JsonReportWriter(Stream output, Stream rejectedScratch)
    {
        _output = output;
        _rejectedScratch = rejectedScratch;
        _writer = new Utf8JsonWriter(output, Options);
    }

    public ReportSummary Summary { get; } = new();

    public void Write(BatchResult batch)
    {
        Start();
        foreach (var outcome in batch.Alerts)
        {
            BeginItem(_output, ref _anyAlert);
            JsonReport.WriteAlert(_writer, outcome);
            _writer.Flush();
        }

        foreach (var rejection in batch.Rejected)
        {
            BeginItem(_rejectedScratch, ref _anyRejected);
            JsonReport.WriteRejection(_writer, rejection);
            _writer.Flush();
        }

        Summary.Add(batch);
        _output.Flush();
    }

    public void Complete()
    {
        Start();
        _output.Write("],\"rejected\":["u8);
        _rejectedScratch.Position = 0;
        _rejectedScratch.CopyTo(_output);
        _output.Write("],\"summary\":"u8);
        _writer.Reset(_output);
        JsonReport.WriteSummary(_writer, Summary);
        _writer.Flush();
        _output.Write("}\n"u8);
        _output.Flush();
    }

    private void Start()
    {
        if (!_started)
        {
            _started = true;
            _output.Write("{\"alerts\":["u8);
        }
    }

    private void BeginItem(Stream target, ref bool any)
    {
        if (any)
        {
            target.Write(","u8);
        }

        any = true;
        _writer.Reset(target);
    }

    public void Dispose() => _writer.Dispose();
}
