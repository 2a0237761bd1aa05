using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Responder.Harness.Servers;

/// <summary>
/// The EKS DescribeCluster API (GET /clusters/{name}) over real HTTP on 127.0.0.1, answering with
/// scripted replies in order (the last one repeats), and recording each request with its signature.
/// </summary>
public sealed class FakeEks : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();
    private Reply _last = Active("falco-prod", "https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");

    private FakeEks(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    public static async Task<FakeEks> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var eks = new FakeEks(app);
        app.MapGet("/clusters/{name}", eks.DescribeAsync);
        await app.StartAsync().ConfigureAwait(false);
        eks.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return eks;
    }

    /// <summary>The replies to give, in order; the last is repeated from then on.</summary>
    public void Script(params Reply[] replies)
    {
        _script.Clear();
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public static Reply Active(string name, string endpoint, string caPem) => new(200, $$$"""
        {"cluster":{"name":"{{{name}}}","arn":"arn:aws:eks:eu-west-1:123456789012:cluster/{{{name}}}","status":"ACTIVE",
          "endpoint":"{{{endpoint}}}","certificateAuthority":{"data":"{{{Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(caPem))}}}"},
          "version":"1.31","platformVersion":"eks.5"}}
        """, null);

    public static Reply Creating(string name) =>
        new(200, "{\"cluster\":{\"name\":\"" + name + "\",\"status\":\"CREATING\",\"certificateAuthority\":{}}}", null);

    public static Reply NotFound(string name) => new(404, $$$"""{"message":"No cluster found for name: {{{name}}}."}""", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/");

    public static Reply Throttled() => new(429, """{"message":"Rate exceeded"}""", "ThrottlingException");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task DescribeAsync(HttpContext context, string name)
    {
        Requests.Enqueue((context.Request.Path.Value!, context.Request.Headers.Authorization.FirstOrDefault()));
        var reply = _script.TryDequeue(out var next) ? _last = next : _last;
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        if (reply.ErrorType is not null)
        {
            context.Response.Headers["x-amzn-ErrorType"] = reply.ErrorType;
        }

        await context.Response.WriteAsync(reply.Body).ConfigureAwait(false);
    }

    public sealed record Reply(int Status, string Body, string? ErrorType);
}
