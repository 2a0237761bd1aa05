using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// A stateful stand-in for kube-apiserver over real HTTPS on 127.0.0.1: the nodes, pods (and their logs), workloads
/// and NetworkPolicies of <see cref="Cluster"/>, served on the real paths with the real verbs,
/// content types, status codes and Status bodies, to a client that trusts <see cref="Authority"/>
/// and presents <see cref="Token"/>. Every request is recorded; requests can be held, delayed or faulted.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestCertificateAuthority _authority;
    private readonly RequestLog _log;
    private readonly ResourceApi _api;
    private readonly OpenConnections _connections;
    private string _token;
    private long _latencyTicks;
    private RequestHold? _hold;
    private int _inFlight;
    private int _maxInFlight;

    private FakeApiServer(WebApplication app, TestCertificateAuthority authority, ClusterState cluster, OpenConnections connections, string token, TimeProvider time)
    {
        _connections = connections;
        _app = app;
        _authority = authority;
        _token = token;
        _log = new RequestLog(time);
        _api = new ResourceApi(cluster.Store, new LogApi(cluster.Store, cluster.Logs));
        Cluster = cluster;
    }

    /// <summary>The base address for KubernetesClientConfiguration.Host, e.g. https://127.0.0.1:41234.</summary>
    public string Host { get; private set; } = string.Empty;

    /// <summary>The CA to trust (KubernetesClientConfiguration.SslCaCerts); a fresh collection each time.</summary>
    public X509Certificate2Collection Authority => _authority.Certificates();

    /// <summary>The same CA as PEM, as EKS's DescribeCluster or a kubeconfig carries it.</summary>
    public string AuthorityPem => _authority.CertificatePem;

    /// <summary>The bearer token the server accepts now.</summary>
    public string Token => Volatile.Read(ref _token);

    public ClusterState Cluster { get; }

    public FaultInjector Faults { get; } = new();

    /// <summary>Every request received, in arrival order (unauthenticated and faulted ones included).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>A fixed delay before every request is handled (zero by default).</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>The most requests the fake has held at once, from arrival to answer: counted, not inferred from timing.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>From now on requests (those <paramref name="which"/> picks, or all) wait, once recorded, until the hold is released (see <see cref="RequestHold"/>).</summary>
    public RequestHold Hold(Func<RecordedRequest, bool>? which = null, int releaseAt = int.MaxValue)
    {
        var hold = new RequestHold(which, releaseAt);
        Volatile.Write(ref _hold, hold);
        return hold;
    }

    public static async Task<FakeApiServer> StartAsync(string? token = null, TestCertificateAuthority? authority = null, TimeProvider? time = null)
    {
        authority ??= TestCertificateAuthority.Shared;
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var connections = new OpenConnections();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Use(connections.Track);
            listen.UseHttps(authority.ServerCertificate);
        }));
        var app = builder.Build();
        var server = new FakeApiServer(app, authority, new ClusterState(time), connections, token ?? NewToken(), time);
        app.Run(server.ServeAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.Host = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>From now on only <paramref name="next"/> (or a new random token) is accepted; returns it.</summary>
    public string RotateToken(string? next = null)
    {
        next ??= NewToken();
        Volatile.Write(ref _token, next);
        return next;
    }

    public void ClearRequests() => _log.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
        }

        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = await _log.RecordAsync(context).ConfigureAwait(false);
        context.Response.OnStarting(() =>
        {
            request.Answered(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        if (Volatile.Read(ref _hold) is { } hold && hold.Holds(request))
        {
            await hold.PassAsync(context.RequestAborted).ConfigureAwait(false);
        }

        if (Latency is { Ticks: > 0 } latency)
        {
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        }

        if (Faults.Take(request) is { } fault)
        {
            if (fault.DropsConnection)
            {
                request.Dropped();
                if (!_connections.Abort(context.Connection.Id))
                {
                    context.Abort();
                }

                return;
            }

            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteAsync(context, new ApiReply(fault.Status, fault.Body())).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, Handle(context, request)).ConfigureAwait(false);
    }

    private ApiReply Handle(HttpContext context, RecordedRequest request)
    {
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            return new ApiReply(401, StatusBody.Failure(401, "Unauthorized", "Unauthorized"));
        }

        try
        {
            var target = ApiTarget.Parse(request.Path) ?? throw ApiStatusException.UnknownPath();
            return _api.Handle(new ApiCall(request, target));
        }
        catch (ApiStatusException ex)
        {
            return new ApiReply(ex.Code, ex.Body());
        }
    }

    private static async Task WriteAsync(HttpContext context, ApiReply reply)
    {
        context.Response.StatusCode = reply.Code;
        if (reply.Text is { } text)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static string NewToken() => "k8s-aws-v1." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
