using Responder.Core.Response;

namespace Responder.Cli;

/// <summary>The JSON report (docs/report.schema.json); rejections wait in a scratch buffer that spills to a temporary file.</summary>
internal sealed class JsonSink : IReportSink
{
    private readonly SpillStream _scratch = new();
    private readonly JsonReportWriter _writer;

    public JsonSink(Stream output) => _writer = new JsonReportWriter(output, _scratch);

    public ReportSummary Summary => _writer.Summary;

    public void Write(BatchResult batch) => _writer.Write(batch);

    public void Complete() => _writer.Complete();

    public void Dispose()
    {
        _writer.Dispose();
        _scratch.Dispose();
    }
}
