using Polly;
using Polly.Retry;

namespace Responder.Aws.Http;

/// <summary>
/// The SDKs' standard retry mode, outside the signer so every attempt is signed afresh: up to three
/// attempts with jittered exponential backoff, on throttling codes, 429, 500, 502, 503, 504 and
/// transport failures. Anything else (auth, not found, invalid parameter) is returned at once.
/// </summary>
public sealed class AwsRetryHandler : DelegatingHandler
{
    public const int MaxAttempts = 3;

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public AwsRetryHandler(HttpMessageHandler inner, TimeProvider? time = null, TimeSpan? baseDelay = null)
        : base(inner)
    {
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay ?? TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(20),
                ShouldHandle = ShouldRetryAsync,
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var contentHeaders = request.Content?.Headers.ToList() ?? [];
        return await _pipeline.ExecuteAsync(
            async token =>
            {
                using var attempt = Copy(request, body, contentHeaders);
                var response = await base.SendAsync(attempt, token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    await response.Content.LoadIntoBufferAsync(token).ConfigureAwait(false);
                }

                return response;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (args.Outcome.Exception is { } exception)
        {
            // A timeout of the request itself, not the caller giving up.
            return exception is HttpRequestException or IOException
                || (exception is TaskCanceledException && !args.Context.CancellationToken.IsCancellationRequested);
        }

        var response = args.Outcome.Result!;
        if (response.IsSuccessStatusCode)
        {
            return false;
        }

        var (code, _) = await AwsErrors.ReadAsync(response, args.Context.CancellationToken).ConfigureAwait(false);
        return AwsErrors.IsRetryable(response.StatusCode, code);
    }

    // A request message can be sent once: each attempt gets its own copy, signed afresh further down.
    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body, List<KeyValuePair<string, IEnumerable<string>>> contentHeaders)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var (name, values) in request.Headers)
        {
            if (!name.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase) && name != "Authorization")
            {
                copy.Headers.TryAddWithoutValidation(name, values);
            }
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in contentHeaders)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }
}
