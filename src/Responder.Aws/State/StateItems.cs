using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Responder.Aws.State;

/// <summary>Attribute names and value helpers of the state table: key <c>pk</c> and TTL attribute <c>expiresAt</c>, as template.yaml creates it.</summary>
internal static class StateItems
{
    public const string Key = "pk";
    public const string ExpiresAt = "expiresAt";
    public const string Owner = "owner";
    public const string Seen = "seen";
    public const string Status = "status";
    public const string Reason = "reason";
    public const string LeaseUntil = "leaseUntil";
    public const string Taken = "taken";
    public const string Tripped = "tripped";

    public const string Claimed = "claimed";
    public const string Done = "done";
    public const string Released = "released";

    public static AttributeValue S(string text) => new() { S = text };

    public static AttributeValue N(long number) => new() { N = number.ToString(CultureInfo.InvariantCulture) };

    public static Dictionary<string, AttributeValue> KeyOf(string key) => new() { [Key] = S(key) };

    public static string? Text(Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) ? value.S : null;

    public static long Number(Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0;

    /// <summary>dynalite never expires items and DynamoDB's TTL deletes late: an item past expiresAt is treated as absent.</summary>
    public static bool Live(Dictionary<string, AttributeValue>? item, long now) => item is not null && Number(item, ExpiresAt) > now;
}
