using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace Responder.Harness.Servers;

/// <summary>
/// fauxqs (SNS and SQS emulator, npm fauxqs@1.9.2): topics are created with the SNS Query API, and
/// what is published is read back through an SQS queue subscribed to the topic.
/// </summary>
public sealed class Fauxqs : IAsyncDisposable
{
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("AKIDFAUXQS", "fauxqs-secret");
    private readonly NodeServer _server;
    private readonly TopicQueues _topics;

    private Fauxqs(NodeServer server)
    {
        _server = server;
        _topics = new TopicQueues(server.Endpoint, Credentials, "us-east-1");
    }

    public Uri Endpoint => _server.Endpoint;

    public static async Task<Fauxqs> StartAsync() => new(await NodeServer.StartAsync("fauxqs").ConfigureAwait(false));

    /// <summary>A topic with a queue subscribed to it; returns the topic ARN and the queue URL.</summary>
    public Task<(string TopicArn, string QueueUrl)> TopicWithQueueAsync(string name, bool fifo = false) => _topics.TopicWithQueueAsync(name, fifo);

    /// <summary>The SNS notifications that reached the queue, as the JSON SNS wraps each message in.</summary>
    public Task<List<JsonObject>> ReceiveAsync(string queueUrl, int expected, TimeSpan? wait = null) => _topics.ReceiveAsync(queueUrl, expected, wait);

    public async ValueTask DisposeAsync()
    {
        _topics.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
