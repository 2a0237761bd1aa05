using System.Net;
using System.Text.Json;
using System.Xml;

namespace Responder.Aws.Http;

/// <summary>
/// Reads AWS error responses (Query XML for SNS and STS, JSON for EKS and DynamoDB) and classifies
/// them as the SDKs' standard retry mode does.
/// </summary>
public static class AwsErrors
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "Throttled", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable", "InternalServerError",
    };

    public static bool IsRetryable(HttpStatusCode status, string? code) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
        || (code is not null && (Throttling.Contains(code) || Transient.Contains(code)));

    /// <summary>The error code and message of a failed response whose body has been buffered.</summary>
    public static async Task<(string Code, string Message)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = response.Content is null ? [] : await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headerType = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.FirstOrDefault() : null;
        var (code, message) = body.Length > 0 && body[0] == (byte)'<' ? FromXml(body) : FromJson(body);
        code = headerType?.Split(':')[0] ?? code ?? StatusCode(response.StatusCode);
        return (code, message ?? response.ReasonPhrase ?? "no message");
    }

    public static async Task<AwsServiceException> ToExceptionAsync(string service, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (code, message) = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return new AwsServiceException(service, response.StatusCode, code, message, IsRetryable(response.StatusCode, code));
    }

    private static (string? Code, string? Message) FromXml(byte[] body)
    {
        string? code = null, message = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            // Reading an element's content moves past its end tag onto the next node, which must not be skipped:
            // in compact XML that node is the next element (<Code>..</Code><Message>..</Message>).
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Code" && code is null)
                {
                    code = reader.ReadElementContentAsString();
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Message" && message is null)
                {
                    message = reader.ReadElementContentAsString();
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException)
        {
            // Not the XML it claimed to be: the status code will have to do.
        }

        return (code, message);
    }

    private static (string? Code, string? Message) FromJson(byte[] body)
    {
        string? code = null, message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    continue;
                }

                if (name is "__type" or "code" or "Code")
                {
                    code ??= reader.GetString()?.Split('#')[^1];
                }
                else if (name is "message" or "Message")
                {
                    message ??= reader.GetString();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // A body that is not JSON: the status code will have to do.
        }

        return (code, message);
    }

    private static string StatusCode(HttpStatusCode status) => $"Http{(int)status}";
}
