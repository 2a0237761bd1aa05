using System.Net.Http.Headers;
using System.Text.Json;
using Responder.Aws.Http;

namespace Responder.Aws.SecurityHub;

/// <summary>One call of Security Hub's REST JSON API: a transport failure or an error status is an <see cref="AwsServiceException"/>.</summary>
internal static class SecurityHubCalls
{
    public const string Service = "SecurityHub";

    public static async Task<JsonDocument> SendAsync(HttpClient http, HttpMethod method, Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(method, uri) { Content = content };
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AwsServiceException(Service, null, "Transport", ex.Message, retryable: true, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await AwsErrors.ToExceptionAsync(Service, response, cancellationToken).ConfigureAwait(false);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
            }
            catch (JsonException ex)
            {
                throw new AwsServiceException(Service, response.StatusCode, "InvalidResponse", $"the reply is not JSON: {ex.Message}", retryable: false);
            }
        }
    }
}
