using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Responder.Harness.Lambda;
using Responder.TestSupport;

namespace Responder.Lambda.Tests;

/// <summary>An emulated Runtime API and the published bootstrap attached to it.</summary>
internal sealed class LambdaRun : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private LambdaRun(RuntimeApiEmulator api, BootstrapProcess process)
    {
        Api = api;
        Process = process;
    }

    public RuntimeApiEmulator Api { get; }

    public BootstrapProcess Process { get; }

    public static async Task<LambdaRun> StartAsync(PublishedBootstrap bootstrap, string handler = "respond", Dictionary<string, string>? environment = null)
    {
        var api = await RuntimeApiEmulator.StartAsync();
        var variables = new Dictionary<string, string>(environment ?? []) { ["_HANDLER"] = handler };
        return new LambdaRun(api, BootstrapProcess.Start(bootstrap.Path, api.Address, variables));
    }

    /// <summary>Invokes and waits for the reply; a report in it (whole, or its summary alone) is held to docs/report.schema.json.</summary>
    public async Task<RuntimeReply> InvokeAsync(string payload, TimeSpan? timeLeft = null, string? traceId = null)
    {
        var reply = await Api.InvokeAsync(Encoding.UTF8.GetBytes(payload), timeLeft, traceId).WaitAsync(ReplyTimeout);
        if (!reply.IsError)
        {
            ReportSchema.ValidReply(reply.Json);
        }

        return reply;
    }

    /// <summary>The log line with this event, once the process has written it (lines are flushed after each invocation).</summary>
    public async Task<JsonObject> LogAsync(string eventName, string? requestId = null, Func<JsonObject, bool>? where = null)
    {
        bool Matches(string text) =>
            Parse(text) is { } line && line["event"]?.GetValue<string>() == eventName
            && (requestId is null || line["requestId"]?.GetValue<string>() == requestId) && (where is null || where(line));
        try
        {
            return Parse(await Process.LineAsync(Matches).WaitAsync(ReplyTimeout))!;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException($"no log line with event {eventName} ({ex.Message}); lines:\n{string.Join("\n", Process.Lines)}");
        }
    }

    private static JsonObject? Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Process.Dispose();
        await Api.DisposeAsync();
    }
}
