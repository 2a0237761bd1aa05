using System.Xml;
using Responder.Aws.Http;

namespace Responder.Aws.Sts;

/// <summary>
/// STS GetCallerIdentity over the Query API: the account of the credentials, for the account's own Security Hub product
/// when none is configured. It needs no IAM permission; the function never calls it (the template names the product).
/// </summary>
public sealed class StsClient(HttpClient http, Uri endpoint)
{
    public async Task<string> GetCallerIdentityAccountAsync(CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var content = new FormUrlEncodedContent([new("Action", "GetCallerIdentity"), new("Version", "2011-06-15")]);
            response = await http.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AwsServiceException("STS", null, "Transport", ex.Message, retryable: true, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await AwsErrors.ToExceptionAsync("STS", response, cancellationToken).ConfigureAwait(false);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Account")
                {
                    return reader.ReadElementContentAsString();
                }
            }

            throw new AwsServiceException("STS", response.StatusCode, "InvalidResponse", "the GetCallerIdentity reply has no Account", retryable: false);
        }
    }
}
