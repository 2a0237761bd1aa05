using System.Net;
using System.Text.Json;
using k8s.Autorest;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes;

/// <summary>
/// Every API call goes through here: a bounded number in flight across the batch, conflicts (409) and
/// passing failures (429, 5xx, dropped connections) retried twice, and what is left turned into a
/// readable result, retryable or not.
/// </summary>
internal sealed class KubeCalls(int concurrency, TimeProvider time) : IDisposable
{
    private const int Attempts = 3;
    private readonly SemaphoreSlim _gate = new(concurrency, concurrency);

    /// <param name="call">The API call.</param>
    /// <param name="cancellationToken">The invocation's deadline.</param>
    /// <param name="retryConflicts">False where a 409 is an answer (a precondition, an existing object), not a race.</param>
    /// <param name="retryThrottling">False where a 429 is an answer (an eviction refused by a PodDisruptionBudget).</param>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, bool retryConflicts = true, bool retryThrottling = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < Attempts && IsPassing(ex, cancellationToken)
                && (retryConflicts || Status(ex) != HttpStatusCode.Conflict)
                && (retryThrottling || Status(ex) != HttpStatusCode.TooManyRequests))
            {
                // Retried below, after the slot is free again.
            }
            finally
            {
                _gate.Release();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25 * attempt * attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>A failure of the call itself (an answer, a transport error), as opposed to a bug or a cancellation.</summary>
    public static bool IsApiFailure(Exception ex) => ex is HttpOperationException or HttpRequestException or IOException;

    public static HttpStatusCode? Status(Exception ex) => (ex as HttpOperationException)?.Response?.StatusCode;

    /// <summary>A failure worth another try: a conflict, throttling, a server error, a dropped connection.</summary>
    public static bool IsPassing(Exception ex, CancellationToken cancellationToken) => Status(ex) switch
    {
        HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => true,
        // An untrusted certificate stays untrusted: not worth another try.
        null => (ex is HttpRequestException or IOException && ex.InnerException is not System.Security.Authentication.AuthenticationException)
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested),
        _ => false,
    };

    /// <summary>What a failed call means for the action: failed, with the API's reason; retryable when another invocation may do better.</summary>
    public static PortResult Failure(Exception ex, CancellationToken cancellationToken)
    {
        var status = Status(ex);
        var message = Message(ex);
        var code = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "forbidden",
            null => "cluster-unreachable",
            _ => $"api-error {(int)status}",
        };
        return new PortResult(ActionStatus.Failed, $"{code}: {message}") { Retryable = IsPassing(ex, cancellationToken) };
    }

    /// <summary>The API server's own message (from its Status body), else the exception's.</summary>
    public static string Message(Exception ex) =>
        ex is HttpOperationException http && !string.IsNullOrEmpty(http.Response?.Content) ? Summarize(http.Response.Content) : ex.Message;

    // A Kubernetes Status body: its message is what a person needs, not the whole JSON.
    private static string Summarize(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                // The causes carry the specifics, e.g. which PodDisruptionBudget refused an eviction.
                var causes = document.RootElement.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
                    && details.TryGetProperty("causes", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray()
                        .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                        .Select(c => c.GetProperty("message").GetString())
                    : [];
                return string.Join(" ", [message.GetString(), .. causes]);
            }
        }
        catch (JsonException)
        {
            // Not a Status body; the text itself will do.
        }

        return content.Length <= 200 ? content : content[..200] + "...";
    }
}
