using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.Harness.Kubernetes;

namespace Responder.Lambda.Tests;

[Collection(BootstrapCollection.Name)]
public sealed class BootstrapTests(PublishedBootstrap bootstrap)
{
    private static readonly string CriticalShell = Fixtures.Alert("release-agent-escape");

    [Fact]
    public async Task Invoke_CloudWatchEvent_RespondsWithTheSummaryAndLogsEveryDecision()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap);

        var reply = await run.InvokeAsync(Envelopes.CloudWatch([CriticalShell, "Falco initialized with 42 rules"]));

        Assert.False(reply.IsError);
        Assert.Equal(["summary"], reply.Json.Select(p => p.Key));
        Assert.Equal(2, reply.Json["summary"]!["received"]!.GetValue<int>());
        Assert.Equal(1, reply.Json["summary"]!["actions"]!["delete-pod"]!.GetValue<int>());

        var decided = await run.LogAsync("alert.decided", reply.RequestId);
        Assert.Equal("WARN", decided["level"]!.GetValue<string>());
        Assert.Equal("Detect release_agent File Container Escapes", decided["rule"]!.GetValue<string>());
        Assert.Equal("critical", decided["severity"]!.GetValue<string>());
        Assert.Equal("batch", decided["namespace"]!.GetValue<string>());
        var actions = decided["actions"]!.AsArray();
        Assert.Equal(["label-pod", "cordon-node", "snapshot-node", "delete-pod", "notify"], actions.Select(a => a!["action"]!.GetValue<string>()));
        Assert.All(actions, a => Assert.Equal("planned", a!["status"]!.GetValue<string>()));
        Assert.Equal("dry-run", actions[0]!["reason"]!.GetValue<string>());
        Assert.DoesNotContain(run.Process.Logs, l => l["event"]?.GetValue<string>() == "action.outcome");
        var rejected = await run.LogAsync("record.rejected", reply.RequestId);
        Assert.Equal("not-an-alert", rejected["code"]!.GetValue<string>());
        var summary = await run.LogAsync("invocation.summary", reply.RequestId);
        Assert.Equal(2, summary["received"]!.GetValue<int>());
        Assert.Equal("CloudWatchLogs", summary["envelope"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_EveryLine_IsOneJsonObjectInLambdasLogFormat()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap);

        var reply = await run.InvokeAsync(Envelopes.CloudWatch([CriticalShell]));
        await run.LogAsync("invocation.summary", reply.RequestId);

        Assert.All(run.Process.Lines, line => Assert.IsType<JsonObject>(JsonNode.Parse(line)));
        Assert.All(run.Process.Logs.Where(l => l["_aws"] is null), l =>
        {
            Assert.NotNull(l["timestamp"]);
            Assert.Contains(l["level"]!.GetValue<string>(), (string[])["INFO", "WARN", "ERROR"]);
            Assert.NotNull(l["message"]);
            Assert.NotNull(l["event"]);
        });
    }

    [Fact]
    public async Task Invoke_Metrics_AreEmbeddedMetricFormatInTheFalcoResponderNamespace()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap);

        var reply = await run.InvokeAsync(Envelopes.CloudWatch([CriticalShell, "Falco initialized", "{\"x\":1}", "{broken"]));
        await run.LogAsync("invocation.summary", reply.RequestId);

        var metrics = run.Process.Logs.Where(l => l["_aws"] is not null).ToList();
        Assert.All(metrics, m => Assert.Equal("FalcoResponder", m["_aws"]!["CloudWatchMetrics"]![0]!["Namespace"]!.GetValue<string>()));
        var totals = metrics.Single(m => m["RecordsReceived"] is not null);
        Assert.Equal(4, totals["RecordsReceived"]!.GetValue<int>());
        Assert.Equal("respond", totals["Handler"]!.GetValue<string>());
        Assert.True(totals["Duration"]!.GetValue<double>() >= 0);
        Assert.Equal(2, metrics.Single(m => m["Code"]?.GetValue<string>() == "not-an-alert")["RecordsRejected"]!.GetValue<int>());
        Assert.Equal(1, metrics.Single(m => m["Code"]?.GetValue<string>() == "malformed")["RecordsRejected"]!.GetValue<int>());
        Assert.Equal(1, metrics.Single(m => m["Action"]?.GetValue<string>() == "delete-pod" && m["Status"]?.GetValue<string>() == "planned")["Actions"]!.GetValue<int>());
        Assert.Equal(1, metrics.Single(m => m["Severity"]?.GetValue<string>() == "critical")["Alerts"]!.GetValue<int>());
        var dimensions = metrics.First(m => m["Action"] is not null)["_aws"]!["CloudWatchMetrics"]![0]!["Dimensions"]![0]!.AsArray();
        Assert.Equal(["Handler", "Action", "Status"], dimensions.Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public async Task Invoke_DirectInvokeAndDrill_RespondWithTheFullReport()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap);

        var direct = await run.InvokeAsync(CriticalShell);
        var drill = await run.InvokeAsync(Envelopes.Drill(Envelopes.CloudWatch([CriticalShell])));

        Assert.Equal(["alerts", "rejected", "summary"], direct.Json.Select(p => p.Key));
        Assert.Equal("critical", direct.Json["alerts"]![0]!["severity"]!.GetValue<string>());
        Assert.Equal(["alerts", "rejected", "summary"], drill.Json.Select(p => p.Key));
        Assert.True((await run.LogAsync("alert.decided", drill.RequestId))["drill"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Invoke_MalformedEvent_IsReportedNotFailed()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap);

        var reply = await run.InvokeAsync("{\"awslogs\":{\"data\":\"%%% not base64 %%%\"}}");

        Assert.False(reply.IsError);
        Assert.Equal(1, reply.Json["summary"]!["rejected"]!.GetValue<int>());
        Assert.Equal("malformed", (await run.LogAsync("record.rejected", reply.RequestId))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_TraceHeader_IsSetAsTheTraceIdForTheInvocation()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap);

        var reply = await run.InvokeAsync(Envelopes.CloudWatch([CriticalShell]), traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

        var summary = await run.LogAsync("invocation.summary", reply.RequestId);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", summary["traceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Init_ConfigurationAndMemory_AreLoggedOnceWithTheHeapLimit()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap);

        await run.InvokeAsync(CriticalShell);
        await run.InvokeAsync(CriticalShell);

        var init = Assert.Single(run.Process.Logs, l => l["event"]?.GetValue<string>() == "init.done");
        Assert.Equal((long)(512 * 0.85) * 1024 * 1024, init["gcHeapLimitBytes"]!.GetValue<long>());
        Assert.EndsWith("responder.toml", init["config"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(init["dryRun"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Init_InvalidConfiguration_IsAnInitErrorListingEveryProblem()
    {
        var config = Path.Combine(Path.GetTempPath(), $"responder-{Guid.NewGuid():N}.toml");
        await File.WriteAllTextAsync(config, "dry_rn = true\n[limits]\nmax_json_depth = 0\n");
        try
        {
            await using var run = await LambdaRun.StartAsync(bootstrap, environment: new() { ["RESPONDER_CONFIG"] = config });

            var error = await run.Api.InitError.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal("Responder.InvalidConfiguration", error.ErrorTypeHeader);
            Assert.Equal("Responder.InvalidConfiguration", error.Json["errorType"]!.GetValue<string>());
            var message = error.Json["errorMessage"]!.GetValue<string>();
            Assert.Contains("dry_rn: unknown key", message, StringComparison.Ordinal);
            Assert.Contains("limits.max_json_depth: must be between 2 and 256, got 0", message, StringComparison.Ordinal);
            Assert.Empty(error.Json["stackTrace"]!.AsArray());
            Assert.Equal(1, await run.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(0, run.Api.NextCalls);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Init_BadEnvironmentValue_IsAnInitError()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap, environment: new() { ["RESPONDER_DRY_RUN"] = "perhaps" });

        var error = await run.Api.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("RESPONDER_DRY_RUN: expected true or false, got \"perhaps\"", error.Json["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_UnknownHandler_IsAnInitErrorNamingTheValidOnes()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap, handler: "bootstrap.Handler::Respond");

        var error = await run.Api.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Responder.UnknownHandler", error.ErrorTypeHeader);
        Assert.Equal(
            "unknown handler \"bootstrap.Handler::Respond\" (_HANDLER): the valid handlers are respond, notify, contain",
            error.Json["errorMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_DeadlineComesWhileTheClusterIsSlow_ReportsAnErrorBeforeTheDeadline()
    {
        // An API server that does not answer until released: the containment is still waiting when the deadline comes,
        // whatever the speed of the machine.
        await using var cluster = await FakeApiServer.StartAsync();
        cluster.Cluster.AddNodes("ip-10-0-2-41.eu-west-1.compute.internal", "n2", "n3");
        var hold = cluster.Hold();
        var directory = Directory.CreateTempSubdirectory("responder-deadline-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "ca.pem"), cluster.AuthorityPem);
            await File.WriteAllTextAsync(Path.Combine(directory, "token"), cluster.Token);
            await using var run = await LambdaRun.StartAsync(bootstrap, "contain", new()
            {
                ["RESPONDER_DRY_RUN"] = "false",
                ["RESPONDER_CLUSTER_ENDPOINT"] = cluster.Host,
                ["RESPONDER_CLUSTER_CA_FILE"] = Path.Combine(directory, "ca.pem"),
                ["RESPONDER_CLUSTER_TOKEN_FILE"] = Path.Combine(directory, "token"),
            });

            var reply = await run.InvokeAsync(Envelopes.CloudWatch([CriticalShell]), timeLeft: TimeSpan.FromSeconds(2));

            Assert.True(reply.IsError, reply.Text);
            Assert.Equal("Responder.DeadlineExceeded", reply.ErrorTypeHeader);
            Assert.StartsWith("stopped before the Lambda deadline", reply.Json["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(reply.PostedAt < reply.Deadline, $"posted at {reply.PostedAt:O}, deadline {reply.Deadline:O}");
            hold.Release();
            var next = await run.InvokeAsync(Envelopes.CloudWatch(["not an alert"]));
            Assert.False(next.IsError, next.Text);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Invoke_TwoHundredTimes_KeepsMemoryFlat()
    {
        await using var run = await LambdaRun.StartAsync(bootstrap);
        var payload = Envelopes.CloudWatch(Enumerable.Range(0, 200).Select(i => Fixtures.Alert(i % 2 == 0 ? "terminal-shell" : "drop-and-execute")));

        for (var i = 0; i < 50; i++)
        {
            Assert.False((await run.InvokeAsync(payload)).IsError);
        }

        var (afterWarmUp, _) = run.Process.Memory();
        for (var i = 0; i < 150; i++)
        {
            Assert.False((await run.InvokeAsync(payload)).IsError);
        }

        var (afterAll, _) = run.Process.Memory();
        Assert.True(afterAll - afterWarmUp < 8 * 1024, $"RSS grew from {afterWarmUp} KiB to {afterAll} KiB over 150 invocations");
    }

    [Fact]
    public async Task Runtime_Unreachable_ExitsWithALogLine()
    {
        var run = await LambdaRun.StartAsync(bootstrap);
        await run.InvokeAsync(CriticalShell);

        await run.Api.DisposeAsync();

        Assert.Equal(1, await run.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(run.Process.Logs, l => l["event"]?.GetValue<string>() == "runtime.unreachable");
        run.Process.Dispose();
    }
}
