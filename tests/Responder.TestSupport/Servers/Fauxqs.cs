using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Responder.TestSupport.Servers;

/// <summary>
/// fauxqs (SNS and SQS emulator, npm fauxqs@1.9.2): topics are created with the SNS Query API, and
/// what is published is read back through an SQS queue subscribed to the topic.
/// </summary>
public sealed class Fauxqs : IAsyncDisposable
{
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("AKIDFAUXQS", "fauxqs-secret");
    private readonly NodeServer _server;
    private readonly HttpClient _http = new();
    private readonly AmazonSQSClient _sqs;

    private Fauxqs(NodeServer server)
    {
        _server = server;
        _sqs = new AmazonSQSClient(Credentials, new AmazonSQSConfig { ServiceURL = server.Endpoint.AbsoluteUri, AuthenticationRegion = "us-east-1" });
    }

    public Uri Endpoint => _server.Endpoint;

    public static async Task<Fauxqs> StartAsync() => new(await NodeServer.StartAsync(
        "node_modules/fauxqs/dist/cli.js",
        [],
        new Dictionary<string, string> { ["FAUXQS_PORT"] = "{port}", ["FAUXQS_LOGGER"] = "false", ["FAUXQS_HOST"] = "127.0.0.1" },
        async endpoint =>
        {
            using var http = new HttpClient();
            return (await http.GetAsync(new Uri(endpoint, "health")).ConfigureAwait(false)).IsSuccessStatusCode;
        }).ConfigureAwait(false));

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

    public async ValueTask DisposeAsync()
    {
        _sqs.Dispose();
        _http.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<XDocument> QueryAsync(string action, params (string Name, string Value)[] parameters)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2010-03-31") };
        form.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(Endpoint, content).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"fauxqs {action} failed ({(int)response.StatusCode}): {text}"));
        }

        return XDocument.Parse(text);
    }
}
