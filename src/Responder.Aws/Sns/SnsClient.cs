using System.Globalization;
using System.Xml;
using Responder.Aws.Http;

namespace Responder.Aws.Sns;

/// <summary>SNS Publish over the Query API (form POST, XML reply). The HttpClient signs and retries.</summary>
public sealed class SnsClient(HttpClient http, Uri endpoint)
{
    public async Task<string> PublishAsync(SnsMessage message, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Action", "Publish"),
            new("Version", "2010-03-31"),
            new("TopicArn", message.TopicArn),
            new("Subject", message.Subject),
            new("Message", message.Message),
        };
        var index = 0;
        foreach (var attribute in message.Attributes)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"MessageAttributes.entry.{++index}");
            form.Add(new($"{prefix}.Name", attribute.Name));
            form.Add(new($"{prefix}.Value.DataType", attribute.DataType));
            form.Add(new($"{prefix}.Value.StringValue", attribute.Value));
        }

        if (message.GroupId is not null)
        {
            form.Add(new("MessageGroupId", message.GroupId));
            form.Add(new("MessageDeduplicationId", message.DeduplicationId ?? string.Empty));
        }

        HttpResponseMessage response;
        try
        {
            using var content = new FormUrlEncodedContent(form);
            response = await http.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AwsServiceException("SNS", null, "Transport", ex.Message, retryable: true, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await AwsErrors.ToExceptionAsync("SNS", response, cancellationToken).ConfigureAwait(false);
            }

            return MessageId(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    private static string MessageId(byte[] body)
    {
        using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "MessageId")
            {
                return reader.ReadElementContentAsString();
            }
        }

        throw new AwsServiceException("SNS", null, "InvalidResponse", "the Publish reply has no MessageId", retryable: false);
    }
}
