using Microsoft.AspNetCore.Http;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// Records each request as it arrives, before anything can answer it, so that a client that has
/// its response always finds its request here.
/// </summary>
internal sealed class RequestLog(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private long _sequence;

    public async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        var http = context.Request;
        using var reader = new StreamReader(http.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = http.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var request = new RecordedRequest(
            Interlocked.Increment(ref _sequence),
            http.Method,
            http.Path.Value ?? "/",
            http.QueryString.Value ?? string.Empty,
            http.ContentType,
            body,
            http.Protocol,
            headers,
            time.GetUtcNow());
        lock (_gate)
        {
            _requests.Add(request);
        }

        return request;
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests.OrderBy(r => r.Sequence)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
