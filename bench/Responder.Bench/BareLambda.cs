using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Responder.Bench;

/// <summary>
/// The Lambda floor: a custom runtime that does the bare decode of each event and nothing more. Same
/// HTTP stack as the responder's runtime client (one SocketsHttpHandler, no proxy, no timeout), so the
/// difference measured against bootstrap is the responder's own work.
/// </summary>
internal static class BareLambda
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<int> RunAsync()
    {
        var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrEmpty(api))
        {
            await Console.Error.WriteLineAsync("AWS_LAMBDA_RUNTIME_API is not set: run this under a Runtime API").ConfigureAwait(false);
            return 2;
        }

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var runtime = $"http://{api}/2018-06-01/runtime";
        var bare = new BareDecode();
        while (true)
        {
            using var next = await http.GetAsync($"{runtime}/invocation/next", HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (!next.IsSuccessStatusCode)
            {
                return 1;
            }

            var id = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
            var body = await next.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var before = bare.Messages;
            bare.Event(body);
            var reply = string.Create(CultureInfo.InvariantCulture, $"{{\"messages\":{bare.Messages - before}}}");
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(reply));
            content.Headers.ContentType = Json;
            using var posted = await http.PostAsync($"{runtime}/invocation/{id}/response", content).ConfigureAwait(false);
        }
    }
}
