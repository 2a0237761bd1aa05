using Amazon.DynamoDBv2;

namespace Responder.Harness.Servers;

/// <summary>A DynamoDB server the state tests run against: dynalite, or moto.</summary>
public interface IDynamoDbServer
{
    /// <summary>A client of its own, as each responder instance has.</summary>
    AmazonDynamoDBClient Client();

    /// <summary>A new state table as the template makes it; returns its name.</summary>
    Task<string> CreateTableAsync(string prefix = "state");
}
