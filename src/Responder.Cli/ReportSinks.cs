using Responder.Core.Response;

namespace Responder.Cli;

/// <summary>Where a respond run writes its report as batches complete.</summary>
internal interface IReportSink : IDisposable
{
    ReportSummary Summary { get; }

    void Write(BatchResult batch);

    void Complete();
}
