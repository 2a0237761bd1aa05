using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Responder.Harness.Lambda;

/// <summary>
/// The Lambda Runtime API (2018-06-01) over real HTTP on 127.0.0.1, as Lambda serves it to a custom
/// runtime: queue an event, and the bootstrap's next call receives it with Lambda's headers; its
/// response, error or init error completes the matching task.
/// </summary>
public sealed class RuntimeApiEmulator : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly ConcurrentDictionary<string, Pending> _inFlight = new();
    private readonly TaskCompletionSource<RuntimeReply> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebApplication _app;
    private int _sequence;

    private RuntimeApiEmulator(WebApplication app) => _app = app;

    /// <summary>host:port, as AWS_LAMBDA_RUNTIME_API gives it.</summary>
    public string Address { get; private set; } = string.Empty;

    public string FunctionArn { get; init; } = "arn:aws:lambda:eu-west-1:123456789012:function:falco-responder";

    /// <summary>Number of next calls received, including the one a bootstrap is waiting on.</summary>
    public int NextCalls => Volatile.Read(ref _nextCalls);

    private int _nextCalls;

    private int _waiting;

    /// <summary>Next calls waiting for an event right now (a bootstrap between invocations).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Completes when the bootstrap reports an init error.</summary>
    public Task<RuntimeReply> InitError => _initError.Task;

    public static async Task<RuntimeApiEmulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var emulator = new RuntimeApiEmulator(app);
        app.MapGet($"{Prefix}/invocation/next", emulator.NextAsync);
        app.MapPost($"{Prefix}/invocation/{{id}}/response", (string id, HttpRequest request) => emulator.ReplyAsync(id, request, isError: false));
        app.MapPost($"{Prefix}/invocation/{{id}}/error", (string id, HttpRequest request) => emulator.ReplyAsync(id, request, isError: true));
        app.MapPost($"{Prefix}/init/error", emulator.InitErrorAsync);
        await app.StartAsync().ConfigureAwait(false);
        emulator.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Authority;
        return emulator;
    }

    /// <summary>Queues an event; completes when the bootstrap responds or reports an error for it.</summary>
    public Task<RuntimeReply> InvokeAsync(byte[] payload, TimeSpan? timeLeft = null, string? traceId = null)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"req-{Interlocked.Increment(ref _sequence):D6}");
        var deadline = DateTimeOffset.UtcNow + (timeLeft ?? TimeSpan.FromSeconds(30));
        var pending = new Pending(id, payload, deadline, traceId ?? $"Root=1-67890abc-{id};Parent=53995c3f42cd8ad8;Sampled=1");
        _inFlight[id] = pending;
        _queue.Writer.TryWrite(pending);
        return pending.Reply.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task NextAsync(HttpContext context)
    {
        Interlocked.Increment(ref _nextCalls);
        Pending pending;
        Interlocked.Increment(ref _waiting);
        try
        {
            pending = await _queue.Reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // Shutting down: drop the connection, as a sandbox going away does.
            context.Abort();
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away (a killed bootstrap) between asking and receiving: keep the event.
            _queue.Writer.TryWrite(pending);
            return;
        }

        pending.DeliveredAt = DateTimeOffset.UtcNow;
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = pending.Id;
        headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = pending.TraceId;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = pending.Payload.Length;
        await context.Response.Body.WriteAsync(pending.Payload, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<IResult> ReplyAsync(string id, HttpRequest request, bool isError)
    {
        if (!_inFlight.TryRemove(id, out var pending))
        {
            return Results.NotFound();
        }

        var reply = await Read(request, isError, pending).ConfigureAwait(false);
        pending.Reply.TrySetResult(reply);
        return Results.Accepted();
    }

    private async Task<IResult> InitErrorAsync(HttpRequest request)
    {
        _initError.TrySetResult(await Read(request, isError: true, pending: null).ConfigureAwait(false));
        return Results.Accepted();
    }

    private static async Task<RuntimeReply> Read(HttpRequest request, bool isError, Pending? pending)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body).ConfigureAwait(false);
        return new RuntimeReply(
            pending?.Id,
            isError,
            body.ToArray(),
            request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault(),
            pending?.DeliveredAt,
            DateTimeOffset.UtcNow,
            pending?.Deadline);
    }

    private sealed class Pending(string id, byte[] payload, DateTimeOffset deadline, string traceId)
    {
        public string Id => id;

        public byte[] Payload => payload;

        public DateTimeOffset Deadline => deadline;

        public string TraceId => traceId;

        public DateTimeOffset? DeliveredAt { get; set; }

        public TaskCompletionSource<RuntimeReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
