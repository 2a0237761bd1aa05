using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Responder.Harness.Servers;

/// <summary>
/// Topics on an SNS server, each with an SQS queue subscribed to it: topics are made with the SNS Query API, and what is
/// published is read back from the queue, in the JSON SNS wraps each message in.
/// </summary>
public sealed class TopicQueues : IDisposable
{
    private readonly Uri _endpoint;
    private readonly HttpClient _http;
    private readonly AmazonSQSClient _sqs;

    public TopicQueues(Uri endpoint, AWSCredentials credentials, string region)
    {
        _endpoint = endpoint;
        // Signed: moto tells the service (and the region) of a request by its signature.
        _http = new HttpClient(new SigV4SigningHandler(
            new AWSSigV4Parameters { Credentials = credentials, Region = RegionEndpoint.GetBySystemName(region), Service = "sns" },
            new SocketsHttpHandler()));
        _sqs = new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = endpoint.AbsoluteUri, AuthenticationRegion = region });
    }

    /// <summary>A topic with a queue subscribed to it; returns the topic ARN and the queue URL.</summary>
    public async Task<(string TopicArn, string QueueUrl)> TopicWithQueueAsync(string name, bool fifo = false)
    {
        var topicName = fifo ? name + ".fifo" : name;
        var topic = await QueryAsync("CreateTopic", ("Name", topicName), ("Attributes.entry.1.key", "FifoTopic"), ("Attributes.entry.1.value", fifo ? "true" : "false")).ConfigureAwait(false);
        var topicArn = topic.Descendants().First(e => e.Name.LocalName == "TopicArn").Value;
        var queue = await _sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = topicName,
            Attributes = fifo ? new Dictionary<string, string> { ["FifoQueue"] = "true" } : [],
        }).ConfigureAwait(false);
        var arn = (await _sqs.GetQueueAttributesAsync(queue.QueueUrl, ["QueueArn"]).ConfigureAwait(false)).QueueARN;
        await QueryAsync("Subscribe", ("TopicArn", topicArn), ("Protocol", "sqs"), ("Endpoint", arn)).ConfigureAwait(false);
        return (topicArn, queue.QueueUrl);
    }

    /// <summary>The SNS notifications that reached the queue, as the JSON SNS wraps each message in.</summary>
    public async Task<List<JsonObject>> ReceiveAsync(string queueUrl, int expected, TimeSpan? wait = null)
    {
        var result = new List<JsonObject>();
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(10));
        while (result.Count < expected && DateTime.UtcNow < deadline)
        {
            var batch = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }).ConfigureAwait(false);
            foreach (var message in batch.Messages ?? [])
            {
                result.Add(JsonNode.Parse(message.Body)!.AsObject());
                await _sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle).ConfigureAwait(false);
            }
        }

        return result;
    }

    public void Dispose()
    {
        _sqs.Dispose();
        _http.Dispose();
    }

    private async Task<XDocument> QueryAsync(string action, params (string Name, string Value)[] parameters)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2010-03-31") };
        form.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(_endpoint, content).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"SNS {action} at {_endpoint} failed ({(int)response.StatusCode}): {text}"));
        }

        return XDocument.Parse(text);
    }
}
