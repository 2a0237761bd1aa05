using System.Text.Json;
using Responder.Aws.Http;

namespace Responder.Aws.Eks;

/// <summary>EKS DescribeCluster (signed GET /clusters/{name}): the API endpoint and its certificate authority.</summary>
public sealed class EksClient(HttpClient http, Uri endpoint)
{
    public async Task<ClusterDescription> DescribeClusterAsync(string name, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(endpoint, $"clusters/{Uri.EscapeDataString(name)}"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AwsServiceException("EKS", null, "Transport", ex.Message, retryable: true, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await AwsErrors.ToExceptionAsync("EKS", response, cancellationToken).ConfigureAwait(false);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            DescribeClusterReply? reply;
            try
            {
                reply = JsonSerializer.Deserialize(body, EksJsonContext.Default.DescribeClusterReply);
            }
            catch (JsonException ex)
            {
                throw new AwsServiceException("EKS", response.StatusCode, "InvalidResponse", $"DescribeCluster reply is not JSON: {ex.Message}", retryable: false);
            }

            return reply?.Cluster ?? throw new AwsServiceException("EKS", response.StatusCode, "InvalidResponse", "DescribeCluster reply has no cluster", retryable: false);
        }
    }
}
