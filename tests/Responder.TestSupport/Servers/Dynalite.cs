using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Responder.TestSupport.Servers;

/// <summary>
/// dynalite (DynamoDB emulator, npm dynalite@4.0.0). It has no UpdateTimeToLive and never expires items, so tests create
/// the table themselves and the code under test compares expiresAt with its clock.
/// </summary>
public sealed class Dynalite : IAsyncDisposable
{
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("AKIDDYNALITE", "dynalite-secret");
    public const string Region = "eu-west-1";
    private readonly NodeServer _server;

    private Dynalite(NodeServer server) => _server = server;

    public Uri Endpoint => _server.Endpoint;

    public static async Task<Dynalite> StartAsync() => new(await NodeServer.StartAsync(
        "node_modules/dynalite/cli.js",
        ["--host", "127.0.0.1", "--port", "{port}", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"],
        new Dictionary<string, string>(),
        async endpoint =>
        {
            // Any answer (here: a refused unsigned request) means it listens.
            using var http = new HttpClient();
            return (await http.PostAsync(endpoint, new StringContent("{}")).ConfigureAwait(false)).StatusCode > 0;
        }).ConfigureAwait(false));

    /// <summary>A client of its own, as each responder instance has.</summary>
    public AmazonDynamoDBClient Client() =>
        new(Credentials, new AmazonDynamoDBConfig { ServiceURL = Endpoint.AbsoluteUri, AuthenticationRegion = Region });

    /// <summary>A new state table as DESIGN.md §10 describes it (string partition key pk); returns its name.</summary>
    public async Task<string> CreateTableAsync(string prefix = "state")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        using var client = Client();
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }).ConfigureAwait(false);
        return name;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
