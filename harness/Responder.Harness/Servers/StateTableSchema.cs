using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Responder.Harness.Servers;

/// <summary>The state table as template.yaml declares it: string partition key pk, on demand, TTL on expiresAt.</summary>
public static class StateTableSchema
{
    public const string Key = "pk";
    public const string TimeToLive = "expiresAt";

    /// <param name="timeToLive">Whether to switch TTL on (dynalite has no UpdateTimeToLive).</param>
    public static async Task<string> CreateAsync(AmazonDynamoDBClient client, string prefix, bool timeToLive)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            AttributeDefinitions = [new AttributeDefinition(Key, ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement(Key, KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }).ConfigureAwait(false);
        if (timeToLive)
        {
            await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = name,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TimeToLive, Enabled = true },
            }).ConfigureAwait(false);
        }

        return name;
    }
}
