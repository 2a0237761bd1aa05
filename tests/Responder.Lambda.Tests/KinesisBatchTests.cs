using System.Text;
using System.Text.Json.Nodes;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.Lambda.Logging;
using Responder.Lambda.Runtime;
using Responder.TestSupport;

namespace Responder.Lambda.Tests;

/// <summary>Partial batch responses for Kinesis, in process with a scripted cluster.</summary>
public sealed class KinesisBatchTests
{
    private const string Sequence1 = "49590338271490256608559692538361571095921575989136588890";
    private const string Sequence2 = "49590338271490256608559692538361571095921575989136588891";
    private const string Sequence3 = "49590338271490256608559692538361571095921575989136588892";

    // Deletes in namespace "cart" fail in a way a retry may fix; everything else succeeds.
    private static FakeCluster Cluster() => new(r => r.Action.Kind == ActionKind.DeletePod && r.Outcome.Alert.Target.Namespace == "cart"
        ? new PortResult(ActionStatus.Failed, "api-error 503: the server is currently unable to handle the request") { Retryable = true }
        : new PortResult(ActionStatus.Succeeded, null));

    [Fact]
    public async Task Invoke_OneRecordFailsRetryably_ListsOnlyItsSequenceNumberOnce()
    {
        var records = new JsonArray(
            Record(Sequence1, Alert("checkout", "checkout-1")),
            Record(Sequence2, Alert("cart", "cart-1"), Alert("cart", "cart-2")),
            Record(Sequence3, "not json {", Alert("cart", "cart-3")[..40]));

        var result = await InvokeAsync(new JsonObject { ["Records"] = records }.ToJsonString());

        Assert.Null(result.Failure);
        Assert.Equal($"{{\"batchItemFailures\":[{{\"itemIdentifier\":\"{Sequence2}\"}}]}}", Encoding.UTF8.GetString(result.Body.Span));
    }

    [Fact]
    public async Task Invoke_AllRecordsSucceed_AnswersAnEmptyList()
    {
        var records = new JsonArray(Record(Sequence1, Alert("checkout", "checkout-1")), Record(Sequence2, Alert("shop", "web-1")));

        var result = await InvokeAsync(new JsonObject { ["Records"] = records }.ToJsonString());

        Assert.Null(result.Failure);
        Assert.Equal("{\"batchItemFailures\":[]}", Encoding.UTF8.GetString(result.Body.Span));
    }

    [Fact]
    public async Task Invoke_FailedRecordWithoutSequenceNumber_FailsTheWholeBatch()
    {
        var record = Record(Sequence1, Alert("cart", "cart-1"));
        record["kinesis"]!.AsObject().Remove("sequenceNumber");

        var result = await InvokeAsync(new JsonObject { ["Records"] = new JsonArray(record) }.ToJsonString());

        Assert.Equal(RuntimeFailure.RetryableFailure, result.Failure?.ErrorType);
    }

    [Fact]
    public async Task Invoke_KinesisEventInADrill_GetsTheWholeReport()
    {
        var kinesis = new JsonObject { ["Records"] = new JsonArray(Record(Sequence1, Alert("checkout", "checkout-1"))) }.ToJsonString();

        var result = await InvokeAsync(Envelopes.Drill(kinesis));

        Assert.Null(result.Failure);
        Assert.NotNull(ReportSchema.ValidReply(JsonNode.Parse(result.Body.Span)!.AsObject())["alerts"]);
    }

    private static JsonObject Record(string sequence, params string[] messages) =>
        Envelopes.KinesisRecord(Convert.ToBase64String(Envelopes.Gzip(Envelopes.CloudWatchPayload(messages))), sequence);

    private static string Alert(string ns, string pod)
    {
        var alert = Fixtures.AlertNode("drop-and-execute");
        alert["output_fields"]!["k8s.ns.name"] = ns;
        alert["output_fields"]!["k8s.pod.name"] = pod;
        return alert.ToJsonString();
    }

    private static async Task<InvocationResult> InvokeAsync(string payload)
    {
        using var output = new MemoryStream();
        using var log = new JsonLog(output, TimeProvider.System);
        var pipeline = new ResponsePipeline(TestConfig.From("dry_run = false"), null, Cluster());
        var handler = new FunctionHandler("contain", pipeline, log, TimeProvider.System);
        var invocation = new Invocation("req-1", DateTimeOffset.UtcNow.AddMinutes(1), null, null, Encoding.UTF8.GetBytes(payload));
        return await handler.InvokeAsync(invocation, CancellationToken.None);
    }
}
