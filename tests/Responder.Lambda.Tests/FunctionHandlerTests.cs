using System.Text;
using System.Text.Json.Nodes;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.Lambda.Logging;
using Responder.Lambda.Runtime;
using Responder.TestSupport;

namespace Responder.Lambda.Tests;

public sealed class FunctionHandlerTests
{
    private static readonly string Critical = Fixtures.Alert("release-agent-escape");
    private static readonly string Notice = Fixtures.Alert("terminal-shell");

    private sealed record Run(InvocationResult Result, List<JsonObject> Logs)
    {
        public JsonObject Body => ReportSchema.ValidReply(JsonNode.Parse(Result.Body.Span)!.AsObject());

        public string[] Actions(int alert = 0) =>
            [.. Body["alerts"]![alert]!["actions"]!.AsArray().Select(a => $"{a!["action"]}:{a["status"]}")];
    }

    private static async Task<Run> InvokeAsync(
        string payload, string toml = "dry_run = false", ActionScope scope = ActionScope.All,
        IClusterActions? cluster = null, INotifier? notifier = null, CancellationToken deadline = default)
    {
        using var output = new MemoryStream();
        using var log = new JsonLog(output, TimeProvider.System);
        var pipeline = new ResponsePipeline(TestConfig.From(toml), notifier, cluster, scope);
        var handler = new FunctionHandler("respond", pipeline, log, TimeProvider.System);
        var invocation = new Invocation("req-1", DateTimeOffset.UtcNow.AddMinutes(1), null, null, Encoding.UTF8.GetBytes(payload));

        var result = await handler.InvokeAsync(invocation, deadline);
        log.Flush();
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new Run(result, [.. lines.Select(l => JsonNode.Parse(l)!.AsObject())]);
    }

    [Fact]
    public async Task Invoke_RetryableClusterFailure_FailsTheInvocationSoLambdaRetries()
    {
        var cluster = new FakeCluster(r => r.Action.Kind == ActionKind.DeletePod
            ? new PortResult(ActionStatus.Failed, "api-error: 503 from the API server") { Retryable = true }
            : new PortResult(ActionStatus.Succeeded, null));

        var run = await InvokeAsync(Critical, cluster: cluster);

        Assert.Equal(RuntimeFailure.RetryableFailure, run.Result.Failure?.ErrorType);
        Assert.Equal(
            "1 action(s) failed and may succeed on retry: delete-pod batch/report-job-28551234-kq8zt: api-error: 503 from the API server",
            run.Result.Failure!.Message);
        var outcomes = run.Logs.Where(l => l["event"]?.GetValue<string>() == "action.outcome").ToList();
        Assert.Equal(["label-pod:succeeded", "cordon-node:succeeded", "snapshot-node:succeeded", "delete-pod:failed"], outcomes.Select(o => $"{o["action"]}:{o["outcome"]}"));
        Assert.Equal("ERROR", outcomes[3]["level"]!.GetValue<string>());
        Assert.Equal("batch/report-job-28551234-kq8zt", outcomes[3]["target"]!.GetValue<string>());
        Assert.Single(run.Logs, l => l["event"]?.GetValue<string>() == "invocation.failed");
    }

    [Fact]
    public async Task Invoke_NonRetryableFailure_IsReportedAndTheInvocationSucceeds()
    {
        var cluster = new FakeCluster(r => r.Action.Kind == ActionKind.DeletePod
            ? new PortResult(ActionStatus.Failed, "forbidden: the responder may not delete pods in batch")
            : new PortResult(ActionStatus.Succeeded, null));

        var run = await InvokeAsync(Critical, cluster: cluster);

        Assert.Null(run.Result.Failure);
        Assert.Equal(["label-pod:succeeded", "cordon-node:succeeded", "snapshot-node:succeeded", "delete-pod:failed", "notify:planned"], run.Actions());
    }

    [Fact]
    public async Task Invoke_NotifyHandler_DropsClusterActions()
    {
        var run = await InvokeAsync(Critical, scope: ActionScope.NotifyOnly);

        Assert.Equal(["notify:planned"], run.Actions());
    }

    [Fact]
    public async Task Invoke_ContainHandler_KeepsContainmentAndItsNotificationOnly()
    {
        var run = await InvokeAsync(Envelopes.Array(Critical, Notice), scope: ActionScope.Containment);

        Assert.Equal(["label-pod:planned", "cordon-node:planned", "snapshot-node:planned", "delete-pod:planned", "notify:planned"], run.Actions(0));
        Assert.Empty(run.Actions(1));
    }

    [Fact]
    public async Task Invoke_DeadlineAlreadyPassed_FailsWithDeadlineExceeded()
    {
        var run = await InvokeAsync(Envelopes.CloudWatch([Critical, Notice]), deadline: new CancellationToken(canceled: true));

        Assert.Equal(RuntimeFailure.DeadlineExceeded, run.Result.Failure?.ErrorType);
        Assert.StartsWith("stopped before the Lambda deadline", run.Result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_SubscriptionEvent_GetsTheSummaryKinesisTheBatchResponseAndDirectInvokeTheReport()
    {
        var subscription = await InvokeAsync(Envelopes.CloudWatch([Critical]));
        var kinesis = await InvokeAsync(Envelopes.Kinesis([Critical]));
        var direct = await InvokeAsync(Critical);

        Assert.Equal(["summary"], subscription.Body.Select(p => p.Key));
        Assert.Equal(["batchItemFailures"], kinesis.Body.Select(p => p.Key));
        Assert.Equal(["alerts", "rejected", "summary"], direct.Body.Select(p => p.Key));
    }

    [Fact]
    public async Task Invoke_ControlMessage_RespondsWithAnEmptySummary()
    {
        var run = await InvokeAsync(Envelopes.CloudWatch(["CWL CONTROL MESSAGE: Checking health of destination Kinesis stream."], messageType: "CONTROL_MESSAGE"));

        Assert.Null(run.Result.Failure);
        Assert.Equal(0, run.Body["summary"]!["received"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invoke_OversizedBody_IsRejectedTooLarge()
    {
        var run = await InvokeAsync(Critical, toml: "[limits]\nmax_envelope_bytes = 1024\nmax_message_bytes = 1024");

        Assert.Null(run.Result.Failure);
        Assert.Equal("too-large", run.Body["rejected"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_AlertsOfSeveralSeveritiesAndActions_MetricsCountEachValueOfTheDecidedLinesInOrder()
    {
        string[] alerts = [Critical, Notice, Fixtures.Alert("drop-and-execute"), Fixtures.Alert("read-sensitive-file"), Fixtures.Alert("k8s-audit-exec")];
        var run = await InvokeAsync(Envelopes.Array(alerts), cluster: new FakeCluster(), notifier: new FakeNotifier());

        var decided = run.Logs.Where(l => l["event"]?.GetValue<string>() == "alert.decided").ToList();
        Assert.Equal(alerts.Length, decided.Count);
        var severities = decided.Select(l => l["severity"]!.GetValue<string>()).ToList();
        var actions = decided.SelectMany(l => l["actions"]!.AsArray().Select(a => (Kind: a!["action"]!.GetValue<string>(), Status: a["status"]!.GetValue<string>()))).ToList();
        Assert.True(severities.Distinct().Count() >= 3, "the alerts should cover several severities");

        // One line per value, in the enums' order, with the count of the decided lines.
        var expectedSeverities = Enum.GetValues<Severity>().Select(s => s.ToWire()).Where(severities.Contains)
            .Select(s => $"{s}={severities.Count(x => x == s)}");
        var expectedActions = Enum.GetValues<ActionKind>().SelectMany(k => Enum.GetValues<ActionStatus>().Select(st => (Kind: k.ToWire(), Status: st.ToWire())))
            .Where(actions.Contains).Select(a => $"{a.Kind}/{a.Status}={actions.Count(x => x == a)}");
        var metrics = run.Logs.Where(l => l["_aws"] is not null).ToList();
        Assert.Equal(expectedSeverities, metrics.Where(m => m["Severity"] is not null).Select(m => $"{m["Severity"]}={m["Alerts"]}"));
        Assert.Equal(expectedActions, metrics.Where(m => m["Action"] is not null).Select(m => $"{m["Action"]}/{m["Status"]}={m["Actions"]}"));

        // Each line names its own alert, in the order of the batch.
        Assert.All(decided, l => Assert.Equal("req-1", l["requestId"]!.GetValue<string>()));
        Assert.Equal(alerts.Select(a => JsonNode.Parse(a)!["rule"]!.GetValue<string>()), decided.Select(l => l["rule"]!.GetValue<string>()));
        Assert.Equal(alerts.Select(a => JsonNode.Parse(a)!["priority"]!.GetValue<string>()), decided.Select(l => l["priority"]!.GetValue<string>()));
    }
}
