using System.Text;
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

    /// <summary>Waits until the process has written a log line with this event (lines are flushed after each invocation).</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> LogAsync(string eventName, string? requestId = null, Func<System.Text.Json.Nodes.JsonObject, bool>? where = null)
    {
        for (var i = 0; i < 200; i++)
        {
            var line = Process.Logs.FirstOrDefault(l =>
                l["event"]?.GetValue<string>() == eventName && (requestId is null || l["requestId"]?.GetValue<string>() == requestId) && (where is null || where(l)));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException($"no log line with event {eventName}; lines:\n{string.Join("\n", Process.Lines)}");
    }

    public async ValueTask DisposeAsync()
    {
        Process.Dispose();
        await Api.DisposeAsync();
    }
}
