using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Responder.Core.State;

namespace Responder.Aws.State;

/// <summary>
/// The few DynamoDB calls the state needs, batched where DynamoDB allows (BatchGetItem by 100 keys, BatchWriteItem by 25
/// items, unprocessed ones sent again), counted for the benchmark, and with SDK errors turned into one clear exception.
/// </summary>
internal sealed class StateTable(IAmazonDynamoDB client, string table)
{
    private const int MaxBatchGet = 100;
    private const int MaxBatchWrite = 25;

    private int _calls;

    /// <summary>DynamoDB requests sent so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Consistent reads of the items with these keys; a missing item is absent from the result.</summary>
    public async Task<Dictionary<string, Dictionary<string, AttributeValue>>> GetManyAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(MaxBatchGet))
        {
            var pending = new KeysAndAttributes { Keys = [.. chunk.Select(StateItems.KeyOf)], ConsistentRead = true };
            while (pending.Keys is { Count: > 0 })
            {
                var reply = await CallAsync(c => c.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { [table] = pending } }, cancellationToken)).ConfigureAwait(false);
                foreach (var item in reply.Responses?.GetValueOrDefault(table) ?? [])
                {
                    found[item[StateItems.Key].S] = item;
                }

                pending = reply.UnprocessedKeys?.GetValueOrDefault(table) ?? new KeysAndAttributes();
            }
        }

        return found;
    }

    public async Task<Dictionary<string, AttributeValue>?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var reply = await CallAsync(c => c.GetItemAsync(new GetItemRequest { TableName = table, Key = StateItems.KeyOf(key), ConsistentRead = true }, cancellationToken)).ConfigureAwait(false);
        return reply.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>A conditional put: false when the condition did not hold.</summary>
    public async Task<bool> PutIfAsync(Dictionary<string, AttributeValue> item, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest { TableName = table, Item = item, ConditionExpression = condition, ExpressionAttributeValues = values, ExpressionAttributeNames = Names(condition) };
        return await ConditionalAsync(c => c.PutItemAsync(request, cancellationToken)).ConfigureAwait(false) is not null;
    }

    /// <summary>A conditional update returning the item after it; null when the condition did not hold.</summary>
    public async Task<Dictionary<string, AttributeValue>?> UpdateIfAsync(string key, string update, string? condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = table, Key = StateItems.KeyOf(key), UpdateExpression = update, ConditionExpression = condition,
            ExpressionAttributeValues = values, ExpressionAttributeNames = Names(update + " " + condition), ReturnValues = ReturnValue.ALL_NEW,
        };
        var reply = await ConditionalAsync(c => c.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
        return reply?.Attributes;
    }

    /// <summary>Unconditional puts, 25 to a call.</summary>
    public async Task PutManyAsync(IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Chunk(MaxBatchWrite))
        {
            List<WriteRequest> pending = [.. chunk.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i } })];
            while (pending.Count > 0)
            {
                var reply = await CallAsync(c => c.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = pending } }, cancellationToken)).ConfigureAwait(false);
                pending = reply.UnprocessedItems?.GetValueOrDefault(table) ?? [];
            }
        }
    }

    // Attribute names used in expressions go through placeholders: "status" and others are DynamoDB reserved words.
    private static Dictionary<string, string>? Names(string expression)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { StateItems.Key, StateItems.ExpiresAt, StateItems.Owner, StateItems.Seen, StateItems.Status, StateItems.Reason, StateItems.LeaseUntil, StateItems.Taken, StateItems.Tripped })
        {
            if (expression.Contains("#" + name, StringComparison.Ordinal))
            {
                names["#" + name] = name;
            }
        }

        return names.Count == 0 ? null : names;
    }

    private async Task<T?> ConditionalAsync<T>(Func<IAmazonDynamoDB, Task<T>> call)
        where T : class
    {
        try
        {
            return await CallAsync(call).ConfigureAwait(false);
        }
        catch (StateUnavailableException ex) when (ex.InnerException is ConditionalCheckFailedException)
        {
            return null;
        }
    }

    private async Task<T> CallAsync<T>(Func<IAmazonDynamoDB, Task<T>> call)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            return await call(client).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            // The SDK has already retried what its standard mode retries; what is left may still pass on a later invocation.
            var retryable = ex.Retryable is not null || (int)ex.StatusCode >= 500 || ex is ProvisionedThroughputExceededException or RequestLimitExceededException;
            throw new StateUnavailableException($"DynamoDB table {table}: {ex.ErrorCode ?? ex.GetType().Name}: {ex.Message}", retryable, ex);
        }
        catch (AmazonClientException ex)
        {
            throw new StateUnavailableException($"DynamoDB table {table}: {ex.Message}", retryable: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new StateUnavailableException($"DynamoDB table {table}: {ex.Message}", retryable: true, ex);
        }
    }
}
