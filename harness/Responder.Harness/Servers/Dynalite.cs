using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Responder.Harness.Servers;

/// <summary>
/// dynalite (DynamoDB emulator, npm dynalite@4.0.0). It has no UpdateTimeToLive and never expires items, so tests create
/// the table themselves and the code under test compares expiresAt with its clock.
/// </summary>
public sealed class Dynalite : IDynamoDbServer, IAsyncDisposable
{
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("AKIDDYNALITE", "dynalite-secret");
    public const string Region = "eu-west-1";
    private readonly NodeServer _server;

    private Dynalite(NodeServer server) => _server = server;

    public Uri Endpoint => _server.Endpoint;

    public static async Task<Dynalite> StartAsync() => new(await NodeServer.StartAsync("dynalite").ConfigureAwait(false));

    /// <summary>A client of its own, as each responder instance has.</summary>
    public AmazonDynamoDBClient Client() =>
        new(Credentials, new AmazonDynamoDBConfig { ServiceURL = Endpoint.AbsoluteUri, AuthenticationRegion = Region });

    /// <summary>A new state table as the template makes it, without TTL (dynalite has no UpdateTimeToLive); returns its name.</summary>
    public async Task<string> CreateTableAsync(string prefix = "state")
    {
        using var client = Client();
        return await StateTableSchema.CreateAsync(client, prefix, timeToLive: false).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
