using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Responder.Lambda.Runtime;

/// <summary>
/// The Lambda Runtime API (2018-06-01): next invocation, response, error, init error. The body of
/// each invocation is read into one reused buffer, so a warm function allocates nothing per payload.
/// </summary>
internal sealed class RuntimeApiClient : IDisposable
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly string _base;
    private byte[] _body = new byte[64 * 1024];

    public RuntimeApiClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        // The next call blocks until Lambda has an event: no client timeout.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _base = $"http://{runtimeApi}/2018-06-01/runtime";
    }

    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"{_base}/invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var length = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var headers = response.Headers;
        var deadline = long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        return new Invocation(
            Header(headers, "Lambda-Runtime-Aws-Request-Id") ?? throw new HttpRequestException("the Runtime API sent an invocation without a request id"),
            deadline,
            Header(headers, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(headers, "Lambda-Runtime-Trace-Id"),
            _body.AsMemory(0, length));
    }

    public Task RespondAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PostAsync($"{_base}/invocation/{requestId}/response", new ReadOnlyMemoryContent(body), null, cancellationToken);

    public Task FailAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync($"{_base}/invocation/{requestId}/error", ErrorContent(error), error.ErrorType, cancellationToken);

    public Task FailInitAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync($"{_base}/init/error", ErrorContent(error), error.ErrorType, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string url, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static ByteArrayContent ErrorContent(RuntimeError error)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.RuntimeError));
        content.Headers.ContentType = Json;
        return content;
    }

    private async Task<int> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > _body.Length)
        {
            _body = new byte[declared];
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var total = 0;
            while (true)
            {
                if (total == _body.Length)
                {
                    Array.Resize(ref _body, _body.Length * 2);
                }

                var read = await stream.ReadAsync(_body.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return total;
                }

                total += read;
            }
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
