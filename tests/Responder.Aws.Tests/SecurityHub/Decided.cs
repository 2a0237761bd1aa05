using Responder.Core.Ingest;
using Responder.Core.Response;
using Responder.Harness;

namespace Responder.Aws.Tests.SecurityHub;

/// <summary>One document through a pipeline, its result kept with the actions as the ports left them.</summary>
internal static class Decided
{
    public static async Task<BatchResult> ActAsync(ResponsePipeline pipeline, string document)
    {
        using var reader = new DocumentReader(Envelopes.Lines(document), InputLimits.Default.MaxEnvelopeBytes);
        Assert.True(reader.TryRead(out var input));
        using var batch = pipeline.Decoder.Decode(input);
        return await pipeline.ProcessAsync(batch, CancellationToken.None);
    }
}
