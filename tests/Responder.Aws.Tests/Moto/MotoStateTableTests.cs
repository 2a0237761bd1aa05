using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Time.Testing;
using Responder.Aws.State;
using Responder.Core.State;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.Moto;

/// <summary>
/// The DynamoDB state on moto, with the table as the template declares it (TTL on expiresAt): every item the responder
/// writes must carry that attribute as epoch seconds, or DynamoDB would keep it for ever.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class MotoStateTableTests(MotoFixture moto)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task EveryItem_DedupeClaimOutcomeAndLimit_CarriesTheTableTimeToLiveAttributeInTheFuture()
    {
        var table = await moto.Server.CreateTableAsync();
        using var client = moto.Server.Client();
        var state = new DynamoResponseState(client, table, new FakeTimeProvider(Now));
        var ct = CancellationToken.None;

        await state.AdmitAsync([new Sighting("alert#a", "rec-1", 1)], TimeSpan.FromMinutes(5), ct);
        await state.ClaimAsync([new ClaimRequest("action#done", "rec-1"), new ClaimRequest("action#held", "rec-1")], TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), ct);
        await state.RecordAsync([new ClaimOutcome("action#done", "rec-1", Succeeded: true, "deleted")], TimeSpan.FromHours(6), ct);
        await state.TakeAsync(new LimitRequest("deletes", Wanted: 1, Max: 5, TimeSpan.FromHours(1)), ct);

        var ttl = (await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table })).TimeToLiveDescription;
        Assert.Equal((StateTableSchema.TimeToLive, "ENABLED"), (ttl.AttributeName, ttl.TimeToLiveStatus.Value));
        var items = (await client.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true })).Items;
        Assert.Equal(["action#done", "action#held", "alert#a", $"limit#deletes#{StateKeys.WindowStart(Now, TimeSpan.FromHours(1))}"],
            items.Select(i => i[StateTableSchema.Key].S).Order(StringComparer.Ordinal));
        Assert.All(items, item =>
        {
            var expires = long.Parse(Assert.IsType<string>(item[ttl.AttributeName].N), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(expires, Now.ToUnixTimeSeconds() + 1, Now.AddHours(6).ToUnixTimeSeconds());
        });
    }

    [Fact]
    public async Task Claim_TakenByAnotherInstance_IsHeldUntilTheLeaseEnds()
    {
        var table = await moto.Server.CreateTableAsync();
        using var first = moto.Server.Client();
        using var second = moto.Server.Client();
        var clock = new FakeTimeProvider(Now);
        var ct = CancellationToken.None;

        var won = await new DynamoResponseState(first, table, clock).ClaimAsync([new ClaimRequest("action#x", "rec-1")], TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), ct);
        var lost = await new DynamoResponseState(second, table, clock).ClaimAsync([new ClaimRequest("action#x", "rec-2")], TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        var after = await new DynamoResponseState(second, table, clock).ClaimAsync([new ClaimRequest("action#x", "rec-2")], TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), ct);

        Assert.Equal(ClaimState.Acquired, won[0].State);
        Assert.Equal(new Claim(ClaimState.Held, Until: Now.AddMinutes(1), Holder: "rec-1"), lost[0]);
        Assert.Equal(ClaimState.Acquired, after[0].State);
    }
}
